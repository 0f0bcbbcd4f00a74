using BenchmarkDotNet.Attributes;
using Stm.Abi;
using Stm.Core;
using Stm.HandWoven;

namespace Stm.Benchmarks;

/// <summary>How the benchmark thread's transactions run.</summary>
public enum ExecutionMode
{
    /// <summary>The only thread running woven code: barriers are one flag test, nothing is logged.</summary>
    Serial,

    /// <summary>Ordinary STM transactions (lock words, logs, validation), forced on one thread.</summary>
    Stm,
}

/// <summary>Benchmarks measured once per <see cref="ExecutionMode"/>.</summary>
public abstract class ModeBenchmarks
{
    /// <summary>Enough transactions for the runtime's periodic serial-mode probe to have run a few times.</summary>
    private const int TransactionsToSettle = 1_000;

    private bool _serialModeWasEnabled;

    [ParamsAllValues]
    public ExecutionMode Mode { get; set; }

    /// <summary>
    /// Puts the benchmark thread in <see cref="Mode"/>. The runtime takes serial mode at a probe at
    /// some transaction start, not at once, so this runs empty transactions until it has, and fails
    /// the benchmark rather than measure the wrong mode.
    /// </summary>
    [GlobalSetup]
    public void EnterMode()
    {
        _serialModeWasEnabled = ExecutionModes.SerialModeEnabled;
        bool serial = Mode == ExecutionMode.Serial;
        ExecutionModes.SerialModeEnabled = serial;
        for (int i = 0; i < TransactionsToSettle; i++)
        {
            var transaction = OpenTransaction.Begin();
            bool reached = transaction.Tx.IsSerial == serial;
            transaction.Commit();
            if (reached)
                return;
        }
        throw new InvalidOperationException($"The benchmark thread did not get into {Mode} mode.");
    }

    [GlobalCleanup]
    public void RestoreMode() => ExecutionModes.SerialModeEnabled = _serialModeWasEnabled;
}

/// <summary>
/// A transaction kept open on this thread through the woven-code ABI, so a measured loop can run
/// inside it without the retry loop of a region: either a plain woven frame (frame entry to exit,
/// reads always logged) or a region entered at a <see cref="TransactionSite"/>, as an [Atomic]
/// method is (its reads go unlogged while the site predicts read-only). The benchmarks are
/// single-threaded, so nothing can conflict: an abort means the runtime misbehaved, and fails the
/// benchmark instead of being retried.
/// </summary>
internal readonly struct OpenTransaction
{
    private readonly int _depth;
    private readonly bool _isRegion;

    private OpenTransaction(TxDescriptor tx, TransactionSite? site)
    {
        Tx = tx;
        _depth = tx.EnterFrame();
        _isRegion = site is not null;
        if (_isRegion)
            tx.EnterRegion(_depth, site);
    }

    public TxDescriptor Tx { get; }

    /// <summary>False for a default instance and once committed.</summary>
    public bool IsOpen => Tx is { InTransaction: true };

    /// <summary>Begins a transaction at a new outermost frame; with a <paramref name="site"/>, as a region entered there.</summary>
    public static OpenTransaction Begin(TransactionSite? site = null) => new(TxDescriptor.Current, site);

    /// <summary>Begins a transaction, runs <paramref name="body"/> in it and commits.</summary>
    public static void RunOnce<TBody>(ref TBody body, TransactionSite? site = null)
        where TBody : struct, IRegionBody
    {
        var transaction = Begin(site);
        transaction.Run(ref body);
        transaction.Commit();
    }

    /// <summary>Runs <paramref name="body"/> inside this transaction, which must be open.</summary>
    public void Run<TBody>(ref TBody body)
        where TBody : struct, IRegionBody
    {
        // Barriers outside a transaction would take locks nobody releases: refuse rather than corrupt later iterations.
        if (!IsOpen)
            throw new InvalidOperationException("The benchmark's transaction is not open (was its iteration setup skipped?).");
        try
        {
            body.Run(Tx);
        }
        catch (TransactionAbort abort)
        {
            throw Unexpected(abort);
        }
    }

    /// <summary>Leaves the frame (and region), which commits.</summary>
    public void Commit()
    {
        try
        {
            if (_isRegion && !Tx.ExitRegionAndFrame(_depth))
                throw new InvalidOperationException("A single-threaded benchmark transaction failed to commit.");
            if (!_isRegion)
                Tx.ExitFrame(_depth);
        }
        catch (TransactionAbort abort)
        {
            throw Unexpected(abort);
        }
    }

    private static InvalidOperationException Unexpected(TransactionAbort abort) =>
        new($"A single-threaded benchmark transaction aborted ({abort.Cause}).", abort);
}
