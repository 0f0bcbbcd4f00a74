using System.Runtime.ExceptionServices;
using System.Diagnostics;
using Stm.Abi;

namespace Stm.Tests;

/// <summary>
/// A woven class with one field, as the weaver would emit it: the header plus every access
/// through <see cref="Barriers"/>. The concurrency tests use it as a shared register.
/// </summary>
internal sealed class Register(long value)
{
    public long Header = Barriers.NewHeader();
    public long Value = value;

    public long Read(TxDescriptor tx) => Barriers.ReadField(tx, this, ref Header, ref Value);

    public void Write(TxDescriptor tx, long value) => Barriers.WriteField(tx, this, ref Header, ref Value, value);

    /// <summary>Creates <paramref name="count"/> registers whose initial values <paramref name="initial"/> chooses.</summary>
    public static Register[] Create(int count, Func<int, long> initial) =>
        Enumerable.Range(0, count).Select(i => new Register(initial(i))).ToArray();
}

/// <summary>
/// Runs worker threads that are bounded in time: unlike <c>Workloads.RunThreads</c> it joins with
/// a timeout, so a livelocked or deadlocked runtime fails the test instead of hanging the run, and
/// it rethrows a worker's exception instead of letting it kill the test host.
/// </summary>
internal static class BoundedThreads
{
    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="threads"/> threads started together and
    /// returns the wall time. Throws if a worker threw, or if they are not all done within
    /// <paramref name="timeout"/> (<paramref name="context"/>, e.g. the seed, goes into the message).
    /// </summary>
    public static TimeSpan Run(int threads, TimeSpan timeout, string context, Action<int> work)
    {
        using var start = new Barrier(threads + 1);
        var failures = new List<Exception>();
        var workers = Enumerable.Range(0, threads).Select(index => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                work(index);
            }
            catch (Exception exception)
            {
                lock (failures)
                    failures.Add(exception);
            }
        })
        {
            // A hung worker must not keep the test host alive after the test failed.
            IsBackground = true,
            Name = $"stm-worker-{index}",
        }).ToList();
        workers.ForEach(worker => worker.Start());
        // Start the clock first: short workloads may be done before this thread runs again.
        var clock = Stopwatch.StartNew();
        start.SignalAndWait();
        foreach (var worker in workers)
        {
            var left = timeout - clock.Elapsed;
            if (!worker.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
                Assert.Fail($"{worker.Name} still running after {timeout.TotalSeconds:F0} s (livelock or deadlock?); {context}");
        }
        lock (failures)
        {
            if (failures.Count > 0)
                throw new AggregateException($"A worker thread failed; {context}", failures);
        }
        return clock.Elapsed;
    }
}

/// <summary>
/// Work on a thread of its own (so a descriptor of its own) whose exception reaches the test:
/// <see cref="Join"/> waits, bounded, and rethrows it.
/// </summary>
internal sealed class TestThread
{
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;

    public TestThread(Action work)
    {
        _thread = new Thread(() =>
        {
            try
            {
                work();
            }
            catch (Exception exception)
            {
                _failure = ExceptionDispatchInfo.Capture(exception);
            }
        })
        {
            // A hung thread must not keep the test host alive after the test failed.
            IsBackground = true,
            Name = "stm-test-thread",
        };
        _thread.Start();
    }

    public void Join(TimeSpan bound)
    {
        Assert.True(_thread.Join(bound), $"{_thread.Name} did not finish within {bound.TotalSeconds:F0} s");
        _failure?.Throw();
    }
}
