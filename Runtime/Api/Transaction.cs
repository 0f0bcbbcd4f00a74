using Stm.Abi;
using Stm.Core;

namespace Stm;

/// <summary>The calling thread's transaction.</summary>
public static class Transaction
{
    /// <summary>True inside a region (<see cref="Atomic.Run(Action)"/>, an [Atomic] method, an elided lock).</summary>
    public static bool IsAtomic => TxDescriptor.CurrentOrNull is { InTransaction: true, RegionDepth: > 0 };

    /// <summary>True if the running transaction cannot abort (inevitable, or serial mode).</summary>
    public static bool IsInevitable => TxDescriptor.CurrentOrNull is { InTransaction: true } tx && (tx.IsInevitable || tx.IsSerial);

    /// <summary>
    /// Makes the running transaction inevitable before something irrevocable (I/O, a native
    /// call): from here on it cannot abort. At most one transaction is inevitable at a time; this
    /// waits for the current one. If what the transaction read is already stale it restarts
    /// (as an inevitable transaction) instead. Outside a transaction, does nothing.
    /// </summary>
    public static void BecomeInevitable() => TxDescriptor.CurrentOrNull?.BecomeIrrevocable();

    /// <summary>
    /// The call sites of woven code that made transactions inevitable (calls into code that is not
    /// woven and not known to be safe), with how often each did, most frequent first. A site reads
    /// <c>Callee.Type::Method in Caller.Type::Method (File.cs:line)</c>. Process-wide, since start.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, long>> InevitableCallSites => Core.InevitableCallSites.Snapshot();

    /// <summary>Asks for a commit at the next commit point. Does nothing inside a region.</summary>
    public static void HintCommitSoon() => TxDescriptor.CurrentOrNull?.HintCommitSoon();

    /// <summary>
    /// Runs <paramref name="action"/> after the running transaction commits (in registration
    /// order), outside any transaction; dropped if it aborts. Outside a transaction, runs now.
    /// </summary>
    public static void OnCommit(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (TxDescriptor.CurrentOrNull is { InTransaction: true } tx)
            tx.AddHandler(onCommit: true, action);
        else
            action();
    }

    /// <summary>
    /// Runs <paramref name="action"/> if the running attempt aborts, after its effects are rolled
    /// back (in reverse registration order), outside any transaction; dropped if it commits.
    /// Outside a transaction, does nothing.
    /// </summary>
    public static void OnAbort(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (TxDescriptor.CurrentOrNull is { InTransaction: true } tx)
            tx.AddHandler(onCommit: false, action);
    }

    /// <summary>Counters of the calling thread's transactions.</summary>
    public static TransactionStatistics ThreadStatistics => TxDescriptor.Current.StatisticsSnapshot();

    /// <summary>Counters of all threads' transactions (live threads' counters are read while they run).</summary>
    public static TransactionStatistics GlobalStatistics => DescriptorRegistry.Totals().Snapshot();
}
