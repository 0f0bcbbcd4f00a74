using System.Diagnostics;
using Stm.HandWoven;
using Xunit.Abstractions;

namespace Stm.Tests;

/// <summary>
/// Transfers keep the bank's total constant, so any audit that sees another total saw a state
/// that never existed. The audit checks the total inside its transaction, in every attempt that
/// gets that far: opacity forbids even an attempt whose snapshot is already stale to see an
/// inconsistent state (the check could be a division by zero or an endless loop in real code).
/// </summary>
public sealed class BankOpacityTests(ITestOutputHelper output)
{
    private const long InitialBalance = 1_000;
    private const int TransfersPerRun = 200_000;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(15);

    /// <summary>
    /// 4 accounts: nearly every two transfers conflict, and audits are short. 1024 accounts: few
    /// transfers conflict, but an audit reads every account, so it overlaps many of them.
    /// </summary>
    public static TheoryData<int, int, bool> Configurations()
    {
        var data = new TheoryData<int, int, bool>();
        foreach (bool forceStm in new[] { false, true })
        {
            foreach (int accounts in new[] { 4, 1024 })
            {
                foreach (int threads in new[] { 2, 4, 8 })
                    data.Add(threads, accounts, forceStm);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Audits_inside_transactions_always_see_the_constant_total(int threads, int accounts, bool forceStm)
    {
        int seed = 31 * threads + accounts + (forceStm ? 7 : 0);
        string context = $"seed={seed}, threads={threads}, accounts={accounts}, forceStm={forceStm}";
        using IDisposable? mode = forceStm ? StmMode.Force() : null;
        // Audits of 1024 accounts cost as much as hundreds of transfers: do fewer of them.
        int auditEvery = accounts <= 4 ? 10 : 200;
        long expectedTotal = accounts * InitialBalance;
        var bank = new HandWovenBank(accounts, InitialBalance);
        long auditAttempts = 0, inconsistentAttempts = 0, firstBadTotal = 0, transfers = 0, audits = 0;
        // Runs inside the audit transaction, once per attempt, on whichever thread audits.
        void CheckInsideTransaction(long total)
        {
            Interlocked.Increment(ref auditAttempts);
            if (total != expectedTotal && Interlocked.Increment(ref inconsistentAttempts) == 1)
                Volatile.Write(ref firstBadTotal, total);
        }

        var before = Transaction.GlobalStatistics;
        long deadline = Stopwatch.GetTimestamp() + (long)(TimeLimit.TotalSeconds * Stopwatch.Frequency);
        var elapsed = BoundedThreads.Run(threads, TimeLimit + TimeSpan.FromSeconds(30), context, thread =>
        {
            var random = new Random(seed + thread);
            int i = 0;
            for (; i < TransfersPerRun / threads && Stopwatch.GetTimestamp() < deadline; i++)
            {
                if (i % auditEvery == auditEvery - 1)
                {
                    long committedTotal = bank.Audit(CheckInsideTransaction);
                    Assert.True(committedTotal == expectedTotal, $"Committed audit returned {committedTotal}, expected {expectedTotal}; {context}");
                }
                bank.Transfer(random.Next(accounts), random.Next(accounts), random.Next(1, 100));
            }
            // Counted once per thread: a shared counter bumped per transfer would serialize the threads on its cache line.
            Interlocked.Add(ref transfers, i);
            Interlocked.Add(ref audits, i / auditEvery);
        });

        output.WriteLine($"{context}: {transfers} transfers, {audits} audits ({auditAttempts} attempts checked) " +
            $"in {elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine($"  {Transaction.GlobalStatistics.Since(before)}");
        Assert.True(inconsistentAttempts == 0,
            $"{inconsistentAttempts} audit attempts saw an inconsistent total (first: {firstBadTotal}, expected {expectedTotal}); {context}");
        long finalTotal = bank.Total();
        Assert.True(finalTotal == expectedTotal, $"Final total {finalTotal}, expected {expectedTotal}; {context}");
        Assert.True(transfers >= TransfersPerRun / 4, $"Only {transfers} transfers within {TimeLimit.TotalSeconds} s; {context}");
    }
}
