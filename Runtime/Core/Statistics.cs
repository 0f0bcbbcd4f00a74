using System.Diagnostics;

namespace Stm.Core;

/// <summary>Counters of one thread's transactions. Written only by that thread.</summary>
internal sealed class StatisticsCounters
{
    public long Commits;
    public long SerialCommits;
    public long InevitableTransitions;
    public long SerialTicks;
    public long ElidedLocks;
    public long RealLocks;
    public long ObjectReads;
    public long ObjectWrites;
    public long ObjectSnapshots;
    public readonly long[] AbortsByCause = new long[Enum.GetValues<AbortCause>().Length];

    public void AddTo(StatisticsCounters total, long openSerialTicks = 0)
    {
        total.Commits += Commits;
        total.SerialCommits += SerialCommits;
        total.InevitableTransitions += InevitableTransitions;
        total.SerialTicks += SerialTicks + openSerialTicks;
        total.ElidedLocks += ElidedLocks;
        total.RealLocks += RealLocks;
        total.ObjectReads += ObjectReads;
        total.ObjectWrites += ObjectWrites;
        total.ObjectSnapshots += ObjectSnapshots;
        for (int i = 0; i < AbortsByCause.Length; i++)
            total.AbortsByCause[i] += AbortsByCause[i];
    }

    public TransactionStatistics Snapshot() => new(
        Commits,
        SerialCommits,
        InevitableTransitions,
        TimeSpan.FromSeconds(SerialTicks / (double)Stopwatch.Frequency),
        (long[])AbortsByCause.Clone(),
        ElidedLocks,
        RealLocks,
        ObjectReads,
        ObjectWrites,
        ObjectSnapshots);
}
