// stmweave fuzz finding: hang (aborts): no result after 60 s; the original took 14 ms
// seed=1 index=9, reduced by hand: an iterator's members called back by Enumerable.Sum. After a
// callee that started a transaction committed at its exit, a leaf (get_Current) called from the
// framework code ran in the transaction that waited for the caller's return site: its abort
// restarted the caller before Sum, again and again.
// fuzz: optimize=true abort-period=3
using System;
using System.Collections.Generic;
using System.Linq;

class Node1
{
    public int X1;
    public Node1 Next1;
    public static int s_count1;

    public Node1(int seed)
    {
        X1 = seed;
        s_count1++;
    }

    public IEnumerable<int> Walk1(int n)
    {
        Node1 cur = this;
        for (int i = 0; i < n && cur != null; i++)
        {
            yield return unchecked(cur.X1 + i);
            cur = cur.Next1;
        }
    }
}

static class Program
{
    static long s_checksum;

    static void Sink(long value) => s_checksum = unchecked(s_checksum * 1000003 + value);

    static void Section1()
    {
        var first = new Node1(30) { Next1 = new Node1(4) };
        Sink(first.Walk1(2).Sum());
        Sink(first.Walk1(1).Select(x => x * 2).Sum());
    }

    static void Report(string name, Action section)
    {
        try
        {
            section();
        }
        catch (Exception exception)
        {
            Console.WriteLine(name + " " + exception.GetType().Name);
        }
    }

    public static void Main()
    {
        Report("Section1", Section1);
        Console.WriteLine(s_checksum + " " + Node1.s_count1);
    }
}
