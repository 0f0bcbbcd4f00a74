using BenchmarkDotNet.Attributes;
using Stm.Abi;
using Stm.HandWoven;

namespace Stm.Benchmarks;

/// <summary>
/// Cost of one read barrier against a plain load of the same field, in serial and STM mode. An
/// invocation reads each of <see cref="BarrierPass.Objects"/> hand-woven objects once, inside one
/// transaction: a plain woven frame, whose reads are logged (as in any update transaction), or a
/// region whose site predicts read-only, whose reads are not. The transaction's begin and commit
/// are measured too, spread over the reads: the read log grows with every read, so one
/// transaction cannot stay open across invocations.
/// </summary>
[Config(typeof(MicrobenchmarkConfig))]
public class ReadBarrierBenchmarks : ModeBenchmarks
{
    /// <summary>Never sees a write, so it keeps predicting read-only.</summary>
    private static readonly TransactionSite s_readOnlySite = new();

    private readonly Account[] _objects = BarrierPass.NewObjects();

    [Benchmark(Baseline = true, OperationsPerInvoke = BarrierPass.Objects)]
    public long PlainRead() => BarrierPass.PlainSum(_objects);

    [Benchmark(OperationsPerInvoke = BarrierPass.Objects)]
    public long LoggedReadBarrier() => SumThroughBarriers(site: null);

    [Benchmark(OperationsPerInvoke = BarrierPass.Objects)]
    public long ReadOnlyReadBarrier() => SumThroughBarriers(s_readOnlySite);

    private long SumThroughBarriers(TransactionSite? site)
    {
        var pass = new BarrierPass.Sum(_objects);
        OpenTransaction.RunOnce(ref pass, site);
        return pass.Result;
    }
}

/// <summary>
/// Cost of one write barrier against a plain store, in serial and STM mode: the first write of a
/// transaction to an object (takes its lock word, logs the old value), a repeated write to an object
/// the transaction already owns, and apart from both the commit's share per first write. Each
/// iteration is a single invocation, so the transaction is begun (and, for repeated writes, the
/// objects are owned) in the iteration setup and committed in the cleanup, neither measured.
/// </summary>
[Config(typeof(SingleInvocationMicrobenchmarkConfig))]
[InvocationCount(1)]
[TieredCompilationOff]
public class WriteBarrierBenchmarks : ModeBenchmarks
{
    private readonly Account[] _objects = BarrierPass.NewObjects();
    private OpenTransaction _transaction;
    private long _sink;

    /// <summary>Loads every object, so each measured pass starts with them in cache, as after owning them.</summary>
    [IterationSetup(Target = nameof(PlainWrite))]
    public void WarmObjects() => _sink += BarrierPass.PlainSum(_objects);

    [IterationSetup(Target = nameof(FirstWrite))]
    public void BeginTransaction()
    {
        WarmObjects();
        _transaction = OpenTransaction.Begin();
    }

    [IterationSetup(Targets = new[] { nameof(RepeatedWrite), nameof(CommitOfFirstWrites) })]
    public void BeginTransactionOwningAllObjects()
    {
        BeginTransaction();
        WriteAllThroughBarriers();
    }

    /// <summary>Commits the setup's transaction, unless the benchmark did (or setup opened none).</summary>
    [IterationCleanup]
    public void CommitIfOpen()
    {
        if (_transaction.IsOpen)
            _transaction.Commit();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BarrierPass.Objects)]
    public void PlainWrite() => BarrierPass.PlainWriteAll(_objects);

    [Benchmark(OperationsPerInvoke = BarrierPass.Objects)]
    public void FirstWrite() => WriteAllThroughBarriers();

    [Benchmark(OperationsPerInvoke = BarrierPass.Objects)]
    public void RepeatedWrite() => WriteAllThroughBarriers();

    /// <summary>The commit of a transaction that wrote every object once, per object written.</summary>
    [Benchmark(OperationsPerInvoke = BarrierPass.Objects)]
    public void CommitOfFirstWrites() => CommitIfOpen();

    private void WriteAllThroughBarriers()
    {
        var pass = new BarrierPass.WriteAll(_objects);
        _transaction.Run(ref pass);
    }
}

/// <summary>The measured loops: one pass over the same hand-woven objects, plain or through the barriers.</summary>
internal static class BarrierPass
{
    /// <summary>Enough objects that the pass is not one cached object, few enough to stay in L1/L2 cache.</summary>
    public const int Objects = 1_000;

    public static Account[] NewObjects()
    {
        var objects = new Account[Objects];
        for (int i = 0; i < objects.Length; i++)
            objects[i] = new Account(i);
        return objects;
    }

    public static long PlainSum(Account[] objects)
    {
        long sum = 0;
        foreach (var account in objects)
            sum += account.Balance;
        return sum;
    }

    public static void PlainWriteAll(Account[] objects)
    {
        for (int i = 0; i < objects.Length; i++)
            objects[i].Balance = i;
    }

    public struct Sum(Account[] objects) : IRegionBody
    {
        public long Result;

        public void Run(TxDescriptor tx)
        {
            long sum = 0;
            foreach (var account in objects)
                sum += Barriers.ReadField(tx, account, ref account.Header, ref account.Balance);
            Result = sum;
        }
    }

    public readonly struct WriteAll(Account[] objects) : IRegionBody
    {
        public void Run(TxDescriptor tx)
        {
            for (int i = 0; i < objects.Length; i++)
            {
                var account = objects[i];
                Barriers.WriteField(tx, account, ref account.Header, ref account.Balance, i);
            }
        }
    }
}

/// <summary>
/// The measurement behind write-through with an undo log (docs/benchmarks.md): a transaction
/// that reads what it wrote. In place, the read barrier sees its own lock word and loads the
/// field. A redo log would have to find the pending value in the write set instead; the model
/// here is the cheapest such lookup (open addressing on identity hash and field offset, no
/// resizing), so it is a lower bound for a redo design.
/// </summary>
[Config(typeof(MicrobenchmarkConfig))]
public class ReadOwnWriteBenchmarks
{
    private readonly Account[] _objects = BarrierPass.NewObjects();
    private readonly RedoWriteSetModel _redo = new(BarrierPass.Objects);
    private OpenTransaction _transaction;
    private bool _serialModeWasEnabled;

    [GlobalSetup]
    public void OwnAllObjects()
    {
        _serialModeWasEnabled = Core.ExecutionModes.SerialModeEnabled;
        Core.ExecutionModes.SerialModeEnabled = false;
        _transaction = OpenTransaction.Begin();
        var write = new BarrierPass.WriteAll(_objects);
        _transaction.Run(ref write);
        foreach (var account in _objects)
            _redo.Add(account, 8, account.Balance);
    }

    [GlobalCleanup]
    public void Commit()
    {
        _transaction.Commit();
        Core.ExecutionModes.SerialModeEnabled = _serialModeWasEnabled;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BarrierPass.Objects)]
    public long InPlaceReadOfOwnWrite()
    {
        var sum = new BarrierPass.Sum(_objects);
        _transaction.Run(ref sum);
        return sum.Result;
    }

    [Benchmark(OperationsPerInvoke = BarrierPass.Objects)]
    public long RedoLookupOfOwnWrite()
    {
        long sum = 0;
        foreach (var account in _objects)
            sum += _redo.Find(account, 8);
        return sum;
    }

    private sealed class RedoWriteSetModel(int capacity)
    {
        private readonly (object? Holder, nint Offset, long Value)[] _slots = new (object?, nint, long)[capacity * 2];

        public void Add(object holder, nint offset, long value)
        {
            int i = IndexOf(holder, offset);
            while (_slots[i].Holder is not null)
                i = (i + 1) % _slots.Length;
            _slots[i] = (holder, offset, value);
        }

        public long Find(object holder, nint offset)
        {
            for (int i = IndexOf(holder, offset); ; i = (i + 1) % _slots.Length)
            {
                ref var slot = ref _slots[i];
                if (slot.Holder == holder && slot.Offset == offset)
                    return slot.Value;
            }
        }

        private int IndexOf(object holder, nint offset) =>
            (int)((uint)(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(holder) ^ (int)offset) % (uint)_slots.Length);
    }
}
