using System.Diagnostics;
using Stm.HandWoven;

namespace Stm.Benchmarks;

/// <summary>
/// The README's first command. Weaves a bundled legacy program (TestAssemblies/Workloads: plain C#
/// with no locks and no STM in it) and runs original and woven side by side: an unsynchronized
/// counter from 2 threads (the original loses updates, the woven one does not), then each workload
/// on one thread (same checksum, woven/original time). Last, the runtime alone: the hand-woven bank
/// and intset against the same code under one lock. Exits non-zero if any check fails.
/// </summary>
public static class Demo
{
    private const int Rounds = 5;
    private const int WarmupRounds = 5;
    private const int Seed = 2026;

    public static int Run(string[] args)
    {
        int operations = args is [var first, ..] && int.TryParse(first, out int parsed) && parsed > 0 ? parsed : 400_000;
        Console.WriteLine($"stmweave demo: {Environment.ProcessorCount} cores, .NET {Environment.Version}, median of {Rounds} rounds");
        Console.WriteLine();
        bool ok = WovenProgram();
        Console.WriteLine();
        ok &= HandWovenRuntime(operations);
        Console.WriteLine();
        Console.WriteLine(ok ? "every check passed" : "A CHECK FAILED");
        return ok ? 0 : 1;
    }

    private static bool WovenProgram()
    {
        var watch = Stopwatch.StartNew();
        using var pair = WovenPair.Create("Workloads");
        Console.WriteLine($"wove Workloads.dll in {watch.ElapsedMilliseconds} ms (diagnostics: {pair.Log.Summary()})");
        Console.WriteLine();

        const int Threads = 2, Increments = 2_000_000;
        var original = WovenPair.Method<Func<int, int, long>>(pair.Original, "Legacy.SharedCounter", "IncrementFromThreads");
        var woven = WovenPair.Method<Func<int, int, long>>(pair.Woven, "Legacy.SharedCounter", "IncrementFromThreads");
        long expected = (long)Threads * Increments;
        long originalCount = original(Threads, Increments);
        long wovenCount = woven(Threads, Increments);
        Console.WriteLine($"unsynchronized counter, {Threads} threads x {Increments:N0} increments (expected {expected:N0}):");
        Console.WriteLine($"  original {originalCount,13:N0}  ({expected - originalCount:N0} updates lost)");
        Console.WriteLine($"  woven    {wovenCount,13:N0}  ({expected - wovenCount:N0} updates lost)");
        bool ok = wovenCount == expected;
        Console.WriteLine();

        Console.WriteLine($"{"one thread",-34} {"original ms",12} {"woven ms",9} {"woven/original",15}");
        foreach (var (name, size) in new[] { ("IntSet", 200_000), ("Bank", 1_000_000), ("Counter", 5_000_000), ("Kernel", 128) })
        {
            var run = WovenPair.Method<Func<int, long>>(pair.Original, "Legacy.Workloads", name);
            var runWoven = WovenPair.Method<Func<int, long>>(pair.Woven, "Legacy.Workloads", name);
            for (int warmup = 0; warmup < WarmupRounds; warmup++)
            {
                run(size);
                runWoven(size);
            }
            var (originalMs, originalSum) = Median(() => run(size));
            var (wovenMs, wovenSum) = Median(() => runWoven(size));
            ok &= originalSum == wovenSum;
            string same = originalSum == wovenSum ? "" : "  CHECKSUM DIFFERS";
            Console.WriteLine($"{name + $"({size:N0})",-34} {originalMs,12:F2} {wovenMs,9:F2} {wovenMs / originalMs,14:F2}x{same}");
        }
        return ok;
    }

    private static (double Milliseconds, long Checksum) Median(Func<long> run)
    {
        var times = new List<double>();
        long checksum = 0;
        for (int round = 0; round < Rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            checksum = run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[Rounds / 2], checksum);
    }

    private static bool HandWovenRuntime(int operations)
    {
        Console.WriteLine($"the runtime alone, hand-woven code vs one lock, {operations:N0} operations per thread:");
        Console.WriteLine($"{"workload",-34} {"threads",7} {"lock ms",9} {"stm ms",9} {"stm vs lock",12}");
        bool consistent = true;
        foreach (int threads in new[] { 1, 2 })
        {
            consistent &= Compare<IBank>("bank, 1024 accounts, transfers", threads,
                () => new LockedBank(1024, 1000), () => new HandWovenBank(1024, 1000),
                bank => Workloads.RunBank(bank, threads, operations, Seed),
                bank => bank.Total() == 1024 * 1000L);
        }
        foreach (int threads in new[] { 1, 2 })
        {
            consistent &= Compare<IIntSet>("intset, 256 keys, 80% lookups", threads,
                () => Prefilled(new LockedIntSet()), () => Prefilled(new HandWovenIntSet()),
                set => Workloads.RunIntSet(set, 256, threads, operations / 2, Seed),
                _ => true);
        }
        Console.WriteLine($"transactions: {Transaction.GlobalStatistics}");
        Console.WriteLine(consistent ? "invariants held in every round" : "INVARIANT VIOLATED");
        return consistent;
    }

    private static IIntSet Prefilled(IIntSet set)
    {
        Workloads.Prefill(set, 256, Seed);
        return set;
    }

    private static bool Compare<T>(string name, int threads, Func<T> makeLocked, Func<T> makeWoven, Func<T, TimeSpan> run, Func<T, bool> check)
    {
        bool consistent = true;
        double MedianOf(Func<T> make)
        {
            var times = new List<double>();
            for (int round = 0; round < Rounds; round++)
            {
                var subject = make();
                times.Add(run(subject).TotalMilliseconds);
                consistent &= check(subject);
            }
            times.Sort();
            return times[Rounds / 2];
        }
        // Untimed runs first: tiered JIT (with dynamic PGO) needs a few hundred milliseconds of
        // running before barriers are inlined and optimized.
        for (int warmup = 0; warmup < WarmupRounds; warmup++)
        {
            run(makeLocked());
            run(makeWoven());
        }
        double locked = MedianOf(makeLocked);
        double woven = MedianOf(makeWoven);
        Console.WriteLine($"{name,-34} {threads,7} {locked,9:F1} {woven,9:F1} {locked / woven,11:F2}x");
        return consistent;
    }
}
