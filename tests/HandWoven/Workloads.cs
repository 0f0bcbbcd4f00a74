using System.Diagnostics;

namespace Stm.HandWoven;

/// <summary>
/// The whole-program workloads the demo and the benchmarks run on both the hand-woven and the
/// locked versions: same operations, same seeds, so their times compare.
/// </summary>
public static class Workloads
{
    /// <summary>Transfers between random accounts; every 100th operation of thread 0 is a full audit.</summary>
    public static TimeSpan RunBank(IBank bank, int threads, int operationsPerThread, int seed)
    {
        return RunThreads(threads, thread =>
        {
            var random = new Random(seed + thread);
            for (int i = 0; i < operationsPerThread; i++)
            {
                if (thread == 0 && i % 100 == 99)
                {
                    bank.Total();
                    continue;
                }
                int from = random.Next(bank.Count);
                int to = random.Next(bank.Count);
                bank.Transfer(from, to, random.Next(1, 10));
            }
        });
    }

    /// <summary>Prefills <paramref name="set"/> with half of [0, range), for <see cref="RunIntSet"/>.</summary>
    public static void Prefill(IIntSet set, int range, int seed)
    {
        var random = new Random(seed);
        for (int added = 0; added < range / 2;)
        {
            if (set.Add(random.Next(range)))
                added++;
        }
    }

    /// <summary>80% lookups, 10% inserts, 10% removes of random values in [0, range).</summary>
    public static TimeSpan RunIntSet(IIntSet set, int range, int threads, int operationsPerThread, int seed)
    {
        return RunThreads(threads, thread =>
        {
            var random = new Random(seed + thread);
            for (int i = 0; i < operationsPerThread; i++)
            {
                int value = random.Next(range);
                int dice = random.Next(10);
                if (dice == 0)
                    set.Add(value);
                else if (dice == 1)
                    set.Remove(value);
                else
                    set.Contains(value);
            }
        });
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="threads"/> threads started together; returns the wall time.</summary>
    public static TimeSpan RunThreads(int threads, Action<int> work)
    {
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(index => new Thread(() =>
        {
            start.SignalAndWait();
            work(index);
        })).ToList();
        workers.ForEach(worker => worker.Start());
        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        workers.ForEach(worker => worker.Join());
        return clock.Elapsed;
    }
}
