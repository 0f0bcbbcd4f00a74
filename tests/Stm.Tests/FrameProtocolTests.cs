using Stm.Abi;
using Stm.HandWoven;

namespace Stm.Tests;

/// <summary>The start-point protocol of docs/abi.md §3 and §5, driven by hand-woven frames.</summary>
public sealed class FrameProtocolTests
{
    [Fact]
    public void A_caller_resumes_in_a_new_transaction_after_a_callee_committed_at_its_exit()
    {
        using var _ = StmMode.Force();
        var tx = TxDescriptor.Current;
        int caller = tx.EnterFrame();
        int callee = tx.EnterFrame();
        tx.HintCommitSoon();
        Assert.True(tx.CommitPoint(callee));
        long calleeAttempt = tx.AttemptId;
        tx.ExitFrame(callee);

        Assert.NotEqual(calleeAttempt, tx.AttemptId);
        Assert.True(tx.ResumedAt(caller));
        Assert.False(tx.ResumedAt(caller));
        tx.ExitFrame(caller);
        Assert.False(tx.InTransaction);
    }

    [Fact]
    public void An_exception_leaving_the_start_frame_commits_it_and_the_caller_goes_on_inevitable()
    {
        using var _ = StmMode.Force();
        var counter = new Counter();
        var tx = TxDescriptor.Current;
        int caller = tx.EnterFrame();
        try
        {
            IncrementThenThrow(counter);
        }
        catch (InvalidOperationException)
        {
            tx.CaughtAt(caller);
        }
        Assert.Equal(caller, tx.StartDepth);
        Assert.Equal(caller, tx.FrameDepth);
        Assert.True(tx.IsInevitable);
        Assert.Equal(1, counter.Value);
        tx.ExitFrame(caller);
        Assert.False(tx.InTransaction);
    }

    /// <summary>A woven callee whose transaction starts in its own frame, left by an exception (its frame handler as woven).</summary>
    private static void IncrementThenThrow(Counter counter)
    {
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();
        try
        {
            tx.HintCommitSoon();
            Assert.True(tx.CommitPoint(depth));
            long value = Barriers.ReadField(tx, counter, ref counter.Header, ref counter.Value);
            Barriers.WriteField(tx, counter, ref counter.Header, ref counter.Value, value + 1);
            throw new InvalidOperationException("leaves the frame that holds the start point");
        }
        catch (Exception exception) when (TxDescriptor.Catches(exception, tx, depth))
        {
            Assert.False(TxDescriptor.Restarts(exception, tx, depth));
            throw;
        }
    }

    [Fact]
    public void A_blocking_call_outside_regions_commits_and_stops_counting_the_thread_as_running()
    {
        var counter = new Counter();
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();
        Barriers.WriteField(tx, counter, ref counter.Header, ref counter.Value, 5);

        tx.BeforeBlocking(depth);
        Assert.False(tx.InTransaction);
        Assert.Equal(0, tx.Running);
        Assert.Equal(5, counter.Value);
        Assert.True(tx.AfterBlocking(depth));

        Assert.True(tx.InTransaction);
        Assert.Equal(1, tx.Running);
        Assert.Equal(depth, tx.StartDepth);
        tx.ExitFrame(depth);
        Assert.False(tx.InTransaction);
    }

    [Fact]
    public void A_blocking_call_inside_a_region_makes_the_transaction_inevitable_instead()
    {
        using var _ = StmMode.Force();
        bool inevitableAfter = false;
        bool stillInTransaction = false;
        Atomic.Run(() =>
        {
            var tx = TxDescriptor.Current;
            int depth = tx.FrameDepth;
            tx.BeforeBlocking(depth);
            Thread.Sleep(1);
            stillInTransaction = !tx.AfterBlocking(depth) && tx.InTransaction;
            inevitableAfter = Transaction.IsInevitable;
        });
        Assert.True(stillInTransaction);
        Assert.True(inevitableAfter);
    }

    [Fact]
    public void Restarting_at_a_depth_that_holds_no_aborted_attempt_is_refused()
    {
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();
        Assert.Throws<InvalidOperationException>(() => tx.RestartAt(depth));
        tx.ExitFrame(depth);
    }
}
