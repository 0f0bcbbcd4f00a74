namespace Scenarios;

/// <summary>
/// A racy counter for the multithreaded tests (not an entry point): unwoven, concurrent
/// <c>Count++</c> loses updates; woven, every increment must count.
/// </summary>
public static class UnsafeCounter
{
    private sealed class Counter
    {
        public long Count;
    }

    public static long Hammer(int threads, int incrementsPerThread)
    {
        var counter = new Counter();
        using var go = new ManualResetEventSlim(false); // start all loops together so they overlap
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                go.Wait();
                for (int i = 0; i < incrementsPerThread; i++)
                    counter.Count++;
            });
        }
        foreach (var w in workers)
            w.Start();
        go.Set();
        foreach (var w in workers)
            w.Join();
        return counter.Count;
    }
}

/// <summary>Throws InvalidOperationException("deep") three private methods down, for stack-trace tests.</summary>
public static class DeepThrow
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw()
    {
        Level1();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Level1()
    {
        Level2();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Level2()
    {
        Level3();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Level3()
    {
        throw new InvalidOperationException("deep");
    }
}
