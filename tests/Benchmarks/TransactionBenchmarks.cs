using BenchmarkDotNet.Attributes;
using Stm.Abi;
using Stm.HandWoven;

namespace Stm.Benchmarks;

/// <summary>
/// Fixed cost of a transaction, in serial and STM mode, against the same code under a lock: an
/// empty region (through the public <see cref="Atomic.Run(Action)"/> and as woven code enters it), and
/// a small update transaction that moves one unit between two objects, like a bank transfer. The
/// woven regions get a static <see cref="TransactionSite"/> each, as the weaver emits one per [Atomic] method.
/// </summary>
[Config(typeof(MicrobenchmarkConfig))]
public class TransactionBenchmarks : ModeBenchmarks
{
    private const string Empty = "Empty";
    private const string Transfer = "Transfer";

    private static readonly TransactionSite s_emptySite = new();
    private static readonly TransactionSite s_transferSite = new();

    private readonly Lock _gate = new();
    private readonly Account _from = new(1_000_000);
    private readonly Account _to = new(1_000_000);

    [Benchmark(Baseline = true), BenchmarkCategory(Empty)]
    public void EmptyLock()
    {
        lock (_gate)
        {
        }
    }

    [Benchmark, BenchmarkCategory(Empty)]
    public void EmptyAtomicRun() => Atomic.Run(static () => { });

    [Benchmark, BenchmarkCategory(Empty)]
    public void EmptyWovenRegion()
    {
        var body = default(EmptyBody);
        Region.Run(ref body, s_emptySite);
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Transfer)]
    public void TransferLock()
    {
        lock (_gate)
        {
            _from.Balance -= 1;
            _to.Balance += 1;
        }
    }

    [Benchmark, BenchmarkCategory(Transfer)]
    public void TransferWovenRegion()
    {
        var body = new TransferBody(_from, _to);
        Region.Run(ref body, s_transferSite);
    }

    private readonly struct EmptyBody : IRegionBody
    {
        public void Run(TxDescriptor tx)
        {
        }
    }

    private readonly struct TransferBody(Account from, Account to) : IRegionBody
    {
        public void Run(TxDescriptor tx)
        {
            long fromBalance = Barriers.ReadField(tx, from, ref from.Header, ref from.Balance);
            Barriers.WriteField(tx, from, ref from.Header, ref from.Balance, fromBalance - 1);
            long toBalance = Barriers.ReadField(tx, to, ref to.Header, ref to.Balance);
            Barriers.WriteField(tx, to, ref to.Header, ref to.Balance, toBalance + 1);
        }
    }
}
