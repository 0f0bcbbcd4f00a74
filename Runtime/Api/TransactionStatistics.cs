namespace Stm;

/// <summary>A snapshot of transaction counters, for one thread or for the whole process.</summary>
/// <param name="Commits">Committed transactions, serial ones included.</param>
/// <param name="SerialCommits">Transactions that ran in serial mode (one thread, nothing logged).</param>
/// <param name="InevitableTransitions">Times a running transaction became inevitable (serial mode not counted).</param>
/// <param name="SerialTime">Time spent owning serial mode.</param>
/// <param name="AbortsByCause">Rolled-back attempts, indexed by <see cref="AbortCause"/>.</param>
/// <param name="ElidedLocks">Outermost lock entries of woven code that ran elided (the lock not really taken).</param>
/// <param name="RealLocks">Locks woven code really acquired (elision cancelled, or not tried).</param>
/// <param name="ObjectReads">Object-level calls that read a framework object (a collection lookup, an enumerator step) inside a transaction that could abort.</param>
/// <param name="ObjectWrites">Object-level calls that mutated a framework object inside a transaction that could abort.</param>
/// <param name="ObjectSnapshots">States of framework objects saved for undo (once per object and attempt that mutates it).</param>
public sealed record TransactionStatistics(
    long Commits,
    long SerialCommits,
    long InevitableTransitions,
    TimeSpan SerialTime,
    IReadOnlyList<long> AbortsByCause,
    long ElidedLocks = 0,
    long RealLocks = 0,
    long ObjectReads = 0,
    long ObjectWrites = 0,
    long ObjectSnapshots = 0)
{
    /// <summary>All rolled-back attempts.</summary>
    public long Aborts => AbortsByCause.Sum();

    /// <summary>Rolled-back attempts of one cause.</summary>
    public long AbortsOf(AbortCause cause) => AbortsByCause[(int)cause];

    /// <summary>The counters accumulated between <paramref name="earlier"/> and this snapshot.</summary>
    public TransactionStatistics Since(TransactionStatistics earlier) => new(
        Commits - earlier.Commits,
        SerialCommits - earlier.SerialCommits,
        InevitableTransitions - earlier.InevitableTransitions,
        SerialTime - earlier.SerialTime,
        AbortsByCause.Zip(earlier.AbortsByCause, (now, then) => now - then).ToArray(),
        ElidedLocks - earlier.ElidedLocks,
        RealLocks - earlier.RealLocks,
        ObjectReads - earlier.ObjectReads,
        ObjectWrites - earlier.ObjectWrites,
        ObjectSnapshots - earlier.ObjectSnapshots);

    /// <inheritdoc/>
    public override string ToString() =>
        $"commits={Commits} (serial {SerialCommits}), aborts={Aborts} " +
        $"[{string.Join(", ", Enum.GetValues<AbortCause>().Where(c => AbortsOf(c) > 0).Select(c => $"{c}={AbortsOf(c)}"))}], " +
        $"inevitable={InevitableTransitions}, locks elided={ElidedLocks} real={RealLocks}, object reads={ObjectReads} writes={ObjectWrites} snapshots={ObjectSnapshots}, serial time={SerialTime.TotalMilliseconds:F1} ms";
}
