using BenchmarkDotNet.Attributes;

namespace Stm.Benchmarks;

/// <summary>
/// The lock-based legacy programs (TestAssemblies/Workloads/LockedWorkloads.cs) against their woven
/// copies, at 1 and 2 threads: one whole-program run per iteration (threads started and joined
/// inside it), the same total of operations at either thread count. The original is the baseline,
/// so the Ratio column is woven/original. Setup weaves a copy of Workloads.dll, loads both copies in
/// load contexts of their own and checks that they return the same checksum. `-- locks` runs the
/// same comparison without BenchmarkDotNet, alternating the two copies in one process.
/// </summary>
[Config(typeof(WholeProgramConfig))]
[InvocationCount(1)]
public class LockedWorkloadBenchmarks
{
    private WovenPair _pair = null!;
    private Func<int, int, long> _original = null!;
    private Func<int, int, long> _woven = null!;
    private int _operations;

    [Params("CoarseLockBank", "LockedIntSet", "ConflictingCounter")]
    public string Workload { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pair = WovenPair.Create("Workloads");
        _original = WovenPair.Method<Func<int, int, long>>(_pair.Original, LockedPrograms.TypeName, Workload);
        _woven = WovenPair.Method<Func<int, int, long>>(_pair.Woven, LockedPrograms.TypeName, Workload);
        _operations = LockedPrograms.OperationsPerThread(Workload, Threads);
        long expected = _original(Threads, _operations);
        long actual = _woven(Threads, _operations);
        if (actual != expected)
            throw new InvalidOperationException($"WOVEN CHECKSUM MISMATCH: {Workload}({Threads}, {_operations}) returned {actual} woven, {expected} original.");
        Console.WriteLine($"// {Workload}({Threads}, {_operations}) = {expected} in both; {WovenPair.WeaverBuild}: {_pair.Log.Summary()}");
    }

    /// <summary>Prints the process's transaction counters to the log (the woven copy's: in the Original case only the setup's check ran woven code).</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// transactions: {Transaction.GlobalStatistics}");
        _pair.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long Original() => _original(Threads, _operations);

    [Benchmark]
    public long Woven() => _woven(Threads, _operations);
}
