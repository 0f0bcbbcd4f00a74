// stmweave fuzz finding: hang (aborts): no result after 60 s; the original took 22 ms
// seed=7 index=6, reduced by hand: a loop with no barrier, then a call that fails. A restart
// resumes at the loop head, before the loop's commit point, with the back-edge countdown where the
// aborted attempt had left it: that commit point committed the new, empty attempt at once, which
// reset the abort streak that makes a failing attempt inevitable, so the attempt after the loop
// was aborted again forever.
// fuzz: optimize=true abort-period=2
using System;

class Node
{
    public int X;
    public Node Next;
    public virtual int M(int x) => x + Next.X;
}

static class Program
{
    static int s_a;

    static void Section()
    {
        Node o = new Node();
        for (int i = 0; i < 9; i++)
        {
        }
        s_a += o.M(1);
    }

    public static void Main()
    {
        try
        {
            Section();
        }
        catch (Exception e)
        {
            Console.WriteLine(e.GetType().Name);
        }
        Console.WriteLine(s_a);
    }
}
