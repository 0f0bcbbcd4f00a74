using System.Runtime.CompilerServices;

namespace Scenarios;

/// <summary>
/// Read-modify-write with no lock: each increment is a separate load and store (the method is
/// not inlined, so the JIT cannot keep the field in a register), and the threads start together.
/// Unwoven, two threads on two cores lose updates; woven, every increment is a transaction.
/// </summary>
public static class LostUpdates
{
    private sealed class Counter
    {
        public long Count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Increment(Counter counter) => counter.Count++;

    public static long Hammer(int threads, int incrementsPerThread)
    {
        var counter = new Counter();
        int ready = 0;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                Interlocked.Increment(ref ready);
                while (Volatile.Read(ref ready) < threads)
                {
                }
                for (int i = 0; i < incrementsPerThread; i++)
                    Increment(counter);
            });
        }
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();
        return counter.Count;
    }
}

/// <summary>An exception thrown three woven frames down (each touches shared state), for stack-trace tests.</summary>
public static class DeepState
{
    private sealed class Depth
    {
        public int Reached;
    }

    public static void Throw()
    {
        var depth = new Depth();
        Level1(depth);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Level1(Depth depth)
    {
        depth.Reached = 1;
        Level2(depth);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Level2(Depth depth)
    {
        depth.Reached = 2;
        Level3(depth);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Level3(Depth depth)
    {
        depth.Reached = 3;
        throw new InvalidOperationException("deep " + depth.Reached);
    }
}

/// <summary>A long loop with no call in it: its back-edges are the only commit points.</summary>
public static class LongLoop
{
    private sealed class Total
    {
        public long Value;
    }

    public static long Sum(int iterations)
    {
        var total = new Total();
        for (int i = 0; i < iterations; i++)
            total.Value += i;
        return total.Value;
    }
}
