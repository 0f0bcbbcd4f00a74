using Stm.Abi;
using Stm.HandWoven;

namespace Stm.Tests;

public sealed class ModeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_thread_alone_runs_serial_transactions_that_are_inevitable_and_log_nothing()
    {
        var stats = RunOnFreshThread(() =>
        {
            var counter = new Counter();
            for (int i = 0; i < 1_000; i++)
                FullMode.Increment(counter, 1);
            Atomic.Run(() =>
            {
                Assert.True(Transaction.IsInevitable);
                Assert.True(TxDescriptor.Current.IsSerial);
                FullMode.Increment(counter, 10);
                Assert.Equal(0, TxDescriptor.Current.ReadCount + TxDescriptor.Current.WriteCount + TxDescriptor.Current.UndoCount);
            });
            Assert.Equal(1_010, counter.Value);
        });
        Assert.True(stats.SerialCommits >= 900, $"expected serial mode after the first probes: {stats}");
        Assert.True(stats.SerialTime > TimeSpan.Zero, stats.ToString());
    }

    [Fact]
    public void A_second_thread_takes_the_first_out_of_serial_mode_at_its_next_commit_point()
    {
        const int LongRun = 3_000_000;
        const int ShortRun = 100_000;
        var counter = new Counter();
        using var firstIsSerial = new ManualResetEventSlim();
        TransactionStatistics? firstStats = null;
        var first = new Thread(() =>
        {
            var before = Transaction.ThreadStatistics;
            for (int i = 0; i < 100; i++)
                FullMode.Increment(counter, 1);
            Atomic.Run(() =>
            {
                if (TxDescriptor.Current.IsSerial)
                    firstIsSerial.Set();
            });
            FullMode.Increment(counter, LongRun);
            firstStats = Transaction.ThreadStatistics.Since(before);
        });
        first.Start();
        Assert.True(firstIsSerial.Wait(Bound), "the first thread never ran serial");
        var secondStats = RunOnFreshThread(() => FullMode.Increment(counter, ShortRun));
        Assert.True(first.Join(Bound), "the first thread did not finish");
        Assert.Equal(100 + LongRun + ShortRun, counter.Value);
        Assert.True(secondStats.Commits > secondStats.SerialCommits, $"the second thread ran STM transactions: {secondStats}");
        Assert.True(firstStats!.Commits > firstStats.SerialCommits, $"the first thread left serial mode: {firstStats}");
    }

    [Fact]
    public void Hand_over_waits_for_the_serial_owner_to_finish_its_region()
    {
        const int RegionIncrements = 200_000;
        var counter = new Counter();
        using var insideRegion = new ManualResetEventSlim();
        var owner = new Thread(() =>
        {
            for (int i = 0; i < 100; i++)
                FullMode.Increment(counter, 0);
            Atomic.Run(() =>
            {
                Assert.True(TxDescriptor.Current.IsSerial);
                insideRegion.Set();
                FullMode.Increment(counter, RegionIncrements);
            });
        });
        owner.Start();
        Assert.True(insideRegion.Wait(Bound));
        long seenBySecond = -1;
        RunOnFreshThread(() => seenBySecond = FullMode.Read(counter));
        Assert.True(owner.Join(Bound));
        Assert.Equal(RegionIncrements, seenBySecond);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_new_thread_does_not_inherit_the_serial_ownership_of_a_dead_thread_whose_slot_it_reuses(bool forceStm)
    {
        var counter = new Counter();
        RunOnFreshThread(() =>
        {
            for (int i = 0; i < 100; i++)
                FullMode.Increment(counter, 1);
        });
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var _ = forceStm ? StmMode.Force() : null;
        var stats = RunOnFreshThread(() => FullMode.Increment(counter, 1));
        Assert.Equal(0, stats.SerialCommits);
        Assert.True(stats.SerialTime < TimeSpan.FromSeconds(1), stats.ToString());
    }

    [Fact]
    public void Serial_mode_can_be_turned_off()
    {
        using var _ = StmMode.Force();
        var stats = RunOnFreshThread(() =>
        {
            for (int i = 0; i < 200; i++)
                Atomic.Run(() => Assert.False(Transaction.IsInevitable));
        });
        Assert.Equal(0, stats.SerialCommits);
        Assert.Equal(200, stats.Commits);
    }

    /// <summary>Runs <paramref name="work"/> on a new thread (a fresh descriptor) and returns that thread's statistics.</summary>
    private static TransactionStatistics RunOnFreshThread(Action work)
    {
        TransactionStatistics? stats = null;
        new TestThread(() =>
        {
            work();
            stats = Transaction.ThreadStatistics;
        }).Join(Bound);
        return stats!;
    }
}
