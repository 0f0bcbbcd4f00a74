using System.Diagnostics;
using Stm.HandWoven;

namespace Stm.Benchmarks;

/// <summary>
/// The runtime alone (`-- demo`): the hand-woven bank and intset against the same code under one
/// lock, at 1 and 2 threads, medians of a few rounds. Exits non-zero if an invariant broke. The
/// woven-program demo is `stmweave demo`.
/// </summary>
public static class Demo
{
    private const int Rounds = 5;
    private const int WarmupRounds = 5;
    private const int Seed = 2026;

    public static int Run(string[] args)
    {
        int operations = args is [var first, ..] && int.TryParse(first, out int parsed) && parsed > 0 ? parsed : 400_000;
        Console.WriteLine($"stmweave runtime demo: {Environment.ProcessorCount} cores, .NET {Environment.Version}, median of {Rounds} rounds");
        Console.WriteLine();
        bool ok = HandWovenRuntime(operations);
        Console.WriteLine();
        Console.WriteLine(ok ? "every check passed" : "A CHECK FAILED");
        return ok ? 0 : 1;
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
