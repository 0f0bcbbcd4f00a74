using BenchmarkDotNet.Attributes;

namespace Stm.Benchmarks;

/// <summary>
/// Ordinary unsynchronized programs (TestAssemblies/Workloads) against their woven copies, on one
/// thread: the cost of weaving a program that never runs concurrently (serial mode). The original
/// is the baseline, so the Ratio column is woven/original. Setup weaves a copy of Workloads.dll,
/// loads both copies in load contexts of their own and checks that they return the same checksum.
/// </summary>
[Config(typeof(MicrobenchmarkConfig))]
public class WovenWorkloadBenchmarks
{
    private const string TypeName = "Legacy.Workloads";

    /// <summary>Sizes for roughly 1 to 10 ms per call of the original.</summary>
    private static readonly Dictionary<string, int> Sizes = new()
    {
        ["IntSet"] = 20_000,
        ["Bank"] = 500_000,
        ["Counter"] = 5_000_000,
        ["Kernel"] = 128,
    };

    private WovenPair _pair = null!;
    private Func<int, long> _original = null!;
    private Func<int, long> _woven = null!;
    private int _size;

    [Params("IntSet", "Bank", "Counter", "Kernel")]
    public string Workload { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _pair = WovenPair.Create("Workloads");
        _original = WovenPair.Method<Func<int, long>>(_pair.Original, TypeName, Workload);
        _woven = WovenPair.Method<Func<int, long>>(_pair.Woven, TypeName, Workload);
        _size = Sizes[Workload];
        long expected = _original(_size);
        long actual = _woven(_size);
        if (actual != expected)
            throw new InvalidOperationException($"WOVEN CHECKSUM MISMATCH: {Workload}({_size}) returned {actual} woven, {expected} original.");
        Console.WriteLine($"// {Workload}({_size}) = {expected} in both; {WovenPair.WeaverBuild}: {_pair.Log.Summary()}");
    }

    /// <summary>Prints the process's transaction counters to the log (the woven copy's: in the Original case only the setup's check ran woven code).</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// transactions: {Transaction.GlobalStatistics}");
        _pair.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long Original() => _original(_size);

    [Benchmark]
    public long Woven() => _woven(_size);
}
