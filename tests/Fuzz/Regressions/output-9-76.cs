// stmweave fuzz finding: output (aborts): line 1: expected "Section0 -1705707340496491385", got "Section0 4257022973782529322"
// seed=9 index=76 (and index=86), reduced by hand: an iterator whose finally writes a
// [ThreadStatic] field, enumerated by a woven foreach. An injected abort in the loop unwinds
// through the enumerator's Dispose, which runs that finally with the attempt already doomed: the
// write was not logged (only attempts that could still abort logged), so the rollback kept it and
// every restart added it again. Attempts that may roll back, doomed ones too, now log it.
// fuzz: optimize=true abort-period=5
using System;
using System.Collections.Generic;

static class Program
{
    [ThreadStatic]
    static int t_local;
    static int[] s_table = { 3, 1, 4, 1, 5, 9 };

    static IEnumerable<int> Walk(int n)
    {
        try
        {
            for (int i = 0; i < n; i++)
                yield return s_table[i % s_table.Length] + i;
        }
        finally
        {
            t_local += n;
        }
    }

    static int SumAll<T>(T items) where T : IEnumerable<int>
    {
        int sum = 0;
        foreach (int item in items)
            sum = unchecked(sum + item);
        return sum;
    }

    public static void Main()
    {
        long checksum = 0;
        for (int round = 0; round < 20; round++)
        {
            checksum = checksum * 31 + SumAll(Walk(7 + round % 3));
            checksum = checksum * 31 + t_local;
        }
        Console.WriteLine("t_local " + t_local + " checksum " + checksum);
    }
}
