// stmweave fuzz finding: output (aborts): line 1: expected "1000", got "1576"
// A [ThreadStatic] field written in a loop: the writes were not undone when the transaction restarted.
// fuzz: optimize=true abort-period=3
using System;

static class Program
{
    [ThreadStatic]
    static int t_local;
    static int[] s_array = new int[4];

    public static void Main()
    {
        for (int i = 0; i < 1000; i++)
        {
            t_local++;
            s_array[i & 3] += i;
        }
        Console.WriteLine(t_local);
    }
}
