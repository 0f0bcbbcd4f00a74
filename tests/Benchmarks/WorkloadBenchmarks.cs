using BenchmarkDotNet.Attributes;
using Stm.HandWoven;

namespace Stm.Benchmarks;

/// <summary>
/// Whole-program runs of the demo's workloads (<see cref="Workloads"/>), hand-woven against the same
/// code under one lock, at 1 and 2 threads. Each iteration is one run on fresh structures built in
/// the unmeasured iteration setup; the time includes starting the worker threads. At 1 thread the
/// hand-woven code runs in serial mode, as it does for a real single-threaded program.
/// </summary>
[Config(typeof(WholeProgramConfig))]
[InvocationCount(1)]
public class WorkloadBenchmarks
{
    private const string Bank = "Bank";
    private const string IntSet = "IntSet";
    private const int OperationsPerThread = 100_000;
    private const int Accounts = 1024;
    private const long InitialBalance = 1000;
    private const int KeyRange = 256;
    private const int Seed = 2026;

    private IBank _bank = null!;
    private IIntSet _set = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [IterationSetup(Target = nameof(BankLocked))]
    public void NewLockedBank() => _bank = new LockedBank(Accounts, InitialBalance);

    [IterationSetup(Target = nameof(BankHandWoven))]
    public void NewHandWovenBank() => _bank = new HandWovenBank(Accounts, InitialBalance);

    [IterationSetup(Target = nameof(IntSetLocked))]
    public void NewLockedIntSet() => _set = Prefilled(new LockedIntSet());

    [IterationSetup(Target = nameof(IntSetHandWoven))]
    public void NewHandWovenIntSet() => _set = Prefilled(new HandWovenIntSet());

    /// <summary>Transfers preserve the total: a run that broke it fails rather than reports a time.</summary>
    [IterationCleanup(Targets = new[] { nameof(BankLocked), nameof(BankHandWoven) })]
    public void CheckBankTotal()
    {
        long total = _bank.Total();
        if (total != Accounts * InitialBalance)
            throw new InvalidOperationException($"Bank total is {total}, expected {Accounts * InitialBalance}.");
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Bank)]
    public TimeSpan BankLocked() => RunBank();

    [Benchmark, BenchmarkCategory(Bank)]
    public TimeSpan BankHandWoven() => RunBank();

    [Benchmark(Baseline = true), BenchmarkCategory(IntSet)]
    public TimeSpan IntSetLocked() => RunIntSet();

    [Benchmark, BenchmarkCategory(IntSet)]
    public TimeSpan IntSetHandWoven() => RunIntSet();

    private TimeSpan RunBank() => Workloads.RunBank(_bank, Threads, OperationsPerThread, Seed);

    private TimeSpan RunIntSet() => Workloads.RunIntSet(_set, KeyRange, Threads, OperationsPerThread, Seed);

    private static IIntSet Prefilled(IIntSet set)
    {
        Workloads.Prefill(set, KeyRange, Seed);
        return set;
    }
}
