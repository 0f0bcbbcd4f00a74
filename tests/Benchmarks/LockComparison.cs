using System.Diagnostics;
using System.Globalization;

namespace Stm.Benchmarks;

/// <summary>
/// The lock-based legacy programs (TestAssemblies/Workloads/LockedWorkloads.cs) and what the
/// benchmarks run of them: one fixed total of operations per program, split between the threads,
/// so the 1- and 2-thread rows do the same work.
/// </summary>
internal static class LockedPrograms
{
    public const string TypeName = "Legacy.LockedWorkloads";

    /// <summary>Total operations per run: roughly 100 to 300 ms of the original at 2 threads on a 2-core VM.</summary>
    public static readonly IReadOnlyDictionary<string, int> TotalOperations = new Dictionary<string, int>
    {
        ["CoarseLockBank"] = 4_000_000,
        ["LockedIntSet"] = 500_000,
        ["ConflictingCounter"] = 5_000_000,
        ["LockedDictionaryCache"] = 4_000_000,
    };

    public static IEnumerable<string> Names => TotalOperations.Keys;

    public static int OperationsPerThread(string program, int threads, double scale = 1) =>
        Math.Max(1, (int)(TotalOperations[program] * scale / threads));
}

/// <summary>
/// <c>-- locks [--threads T] [--runs N] [--scale F] [--program NAME]</c>: each lock-based legacy
/// program, original against woven (one woven copy of Workloads.dll, both loaded in this process),
/// at 1 thread and at T threads (default 2). After one untimed run of each, N timed runs of each
/// (default 7), alternating which goes first; prints the medians, original/woven, and the process's
/// transaction counters over the timed woven runs (per run). Exits non-zero if a checksum differs
/// or a run throws. <c>--scale</c> multiplies the operation counts (0.1 for a quick check).
/// </summary>
internal static class LockComparison
{
    private const int DefaultRuns = 7;

    public static int Run(string[] args)
    {
        int threads = 2;
        int runs = DefaultRuns;
        double scale = 1;
        var programs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--threads" when int.TryParse(value, out int t) && t >= 1:
                    threads = t;
                    i++;
                    break;
                case "--runs" when int.TryParse(value, out int r) && r >= 1:
                    runs = r;
                    i++;
                    break;
                case "--scale" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0:
                    scale = s;
                    i++;
                    break;
                case "--program" when LockedPrograms.TotalOperations.ContainsKey(value):
                    programs.Add(value);
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"locks: unknown or invalid argument '{args[i]}'.");
                    Console.Error.WriteLine($"usage: locks [--threads T] [--runs N] [--scale F] [--program {string.Join('|', LockedPrograms.Names)}]...");
                    return 2;
            }
        }
        if (programs.Count == 0)
            programs.AddRange(LockedPrograms.Names);
        int[] threadCounts = threads == 1 ? [1] : [1, threads];

        using var pair = WovenPair.Create("Workloads");
        Console.WriteLine($"lock-based legacy programs, original vs woven: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"median of {runs} runs after 1 warm-up, operations x{scale.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"{WovenPair.WeaverBuild}: {pair.Log.Summary()}");
        Console.WriteLine();
        Console.WriteLine($"{"program",-19} {"threads",7} {"ops/thread",11} {"original ms",12} {"woven ms",10} {"speedup",8} " +
            $"{"commits/run",12} {"serial/run",11} {"aborts/run",11} {"inevit./run",12}  checksum");

        bool ok = true;
        var details = new List<string>();
        foreach (string program in programs)
        {
            var original = WovenPair.Method<Func<int, int, long>>(pair.Original, LockedPrograms.TypeName, program);
            var woven = WovenPair.Method<Func<int, int, long>>(pair.Woven, LockedPrograms.TypeName, program);
            foreach (int t in threadCounts)
            {
                int operations = LockedPrograms.OperationsPerThread(program, t, scale);
                var row = Compare(original, woven, t, operations, runs);
                ok &= row.Consistent;
                string stats = row.Statistics is { } s
                    ? $"{s.Commits / runs,12:N0} {s.SerialCommits / runs,11:N0} {s.Aborts / runs,11:N0} {s.InevitableTransitions / runs,12:N0}"
                    : $"{"-",12} {"-",11} {"-",11} {"-",12}";
                string speedup = row.OriginalMs > 0 && row.WovenMs > 0 ? $"{row.OriginalMs / row.WovenMs:F2}x" : "-";
                Console.WriteLine($"{program,-19} {t,7} {operations,11:N0} {row.OriginalMs,12:F1} {row.WovenMs,10:F1} {speedup,8} {stats}  {row.Verdict}");
                if (row.Statistics is { } total)
                    details.Add($"{program} x{t}, {runs} woven runs: {total}");
            }
        }
        Console.WriteLine();
        Console.WriteLine("transaction counters over the timed woven runs (speedup = original ms / woven ms):");
        foreach (string line in details)
            Console.WriteLine("  " + line);
        Console.WriteLine("call sites that made woven transactions inevitable (whole process, most frequent first):");
        foreach (var (site, count) in Transaction.InevitableCallSites.Take(10))
            Console.WriteLine($"  {count,10:N0}  {site}");
        Console.WriteLine();
        Console.WriteLine(ok ? "every checksum matched" : "A CHECKSUM DIFFERED OR A RUN FAILED");
        return ok ? 0 : 1;
    }

    private sealed record Row(double OriginalMs, double WovenMs, TransactionStatistics? Statistics, bool Consistent, string Verdict);

    private static Row Compare(Func<int, int, long> original, Func<int, int, long> woven, int threads, int operations, int runs)
    {
        try
        {
            long expected = original(threads, operations);
            long warm = woven(threads, operations);
            if (warm != expected)
                return new Row(0, 0, null, false, $"MISMATCH: woven {warm}, original {expected}");

            var originalTimes = new List<double>();
            var wovenTimes = new List<double>();
            // Only the woven copy runs transactions (the original and this loop run none), so the
            // counters' change over the whole loop is the woven runs' (whatever fields the runtime has).
            var start = Transaction.GlobalStatistics;
            for (int run = 0; run < runs; run++)
            {
                // Alternate which copy goes first, so neither always runs right after the other's garbage.
                bool originalFirst = run % 2 == 0;
                for (int step = 0; step < 2; step++)
                {
                    bool isOriginal = (step == 0) == originalFirst;
                    var (ms, result) = Timed(isOriginal ? original : woven, threads, operations);
                    if (result != expected)
                        return new Row(0, 0, null, false, $"MISMATCH: {(isOriginal ? "original" : "woven")} run {run + 1} gave {result}, expected {expected}");
                    (isOriginal ? originalTimes : wovenTimes).Add(ms);
                }
            }
            var statistics = Transaction.GlobalStatistics.Since(start);
            return new Row(Median(originalTimes), Median(wovenTimes), statistics, true, $"{expected} in both");
        }
        catch (Exception exception)
        {
            return new Row(0, 0, null, false, $"FAILED: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private static (double Ms, long Result) Timed(Func<int, int, long> program, int threads, int operations)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        long result = program(threads, operations);
        return (watch.Elapsed.TotalMilliseconds, result);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
