// stmweave finding of a library's own test suite run woven (YamlDotNet, tests/Suites): the test
// host died of a stack overflow where the original throws MaximumRecursionLevelReachedException.
// An exception that leaves N woven frames is caught and thrown again by each (the transaction of
// each frame commits as it leaves); the frame's handler rethrew it from inside the handler, which
// runs on top of the stack the exception came from, so the N dispatches stacked up: a recursion of
// 100 levels overflowed a 256 KB stack. The frames now throw it again after their handler.
// fuzz: optimize=true abort-period=5
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

sealed class Level
{
    public int Current;
    public readonly int Maximum;
    public Level(int maximum) { Maximum = maximum; }
    public void Increment()
    {
        if (Current >= Maximum)
            throw new InvalidOperationException("maximum level of recursion reached");
        Current++;
    }
}

static class Program
{
    static int s_calls;

    static int Descend(Level level, int n)
    {
        s_calls++;
        level.Increment();
        try
        {
            return Descend(level, n + 1) + 1;
        }
        finally
        {
            level.Current--;
        }
    }

    static IEnumerable<int> Walk(Level level, int n)
    {
        level.Increment();
        yield return n;
        foreach (int inner in Walk(level, n + 1))
            yield return inner;
    }

    static void OnSmallStack(string name, Action work)
    {
        var thread = new Thread(() =>
        {
            try
            {
                work();
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine(name + ": " + e.Message);
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
    }

    public static void Main()
    {
        var level = new Level(400);
        OnSmallStack("recursion", () => Descend(level, 0));
        Console.WriteLine("calls " + s_calls + ", level back to " + level.Current);
        var walked = new Level(150);
        OnSmallStack("iterator", () => Console.WriteLine(Walk(walked, 0).Count()));
    }
}
