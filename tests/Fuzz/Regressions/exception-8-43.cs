// stmweave fuzz finding: exception (aborts): expected no exception, got Stm.Abi.TransactionAbort:
// STM transaction aborted (Injected); restarting at frame depth 6.
// seed=8 index=43, reduced by hand: a finally block that calls methods while an exception unwinds
// deeper woven frames. Those frames' handlers did not catch the exception, so the descriptor's
// frame depth stayed at the deepest of them; the callees were numbered after it, and one that
// committed at its exit began the next transaction at a depth no frame has: its abort reached
// user code. The frame's Pin before each such call now sets the frame depth.
// fuzz: optimize=true abort-period=7
using System;
using System.Collections.Generic;

static class Program
{
    static long s_sum;

    static int Deep(int depth)
    {
        if (depth == 0)
            throw new InvalidOperationException("deep");
        return Deep(depth - 1) + 1;
    }

    static int Leaf(int x)
    {
        for (int i = 0; i < 200; i++)
            s_sum += i;
        return x;
    }

    static int Helper(int x)
    {
        var items = new List<int> { x, 1 };
        return Leaf(x) + items.Count;
    }

    static void Section()
    {
        for (int round = 0; round < 40; round++)
        {
            try
            {
                try
                {
                    Deep(5);
                }
                finally
                {
                    s_sum += Helper(round);
                }
            }
            catch (InvalidOperationException)
            {
                s_sum++;
            }
        }
    }

    public static void Main()
    {
        Section();
        Console.WriteLine("sum " + s_sum);
    }
}
