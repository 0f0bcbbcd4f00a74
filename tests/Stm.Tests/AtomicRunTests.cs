using Stm.Abi;
using Stm.HandWoven;

namespace Stm.Tests;

public sealed class AtomicRunTests
{
    [Fact]
    public void Null_body_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => Atomic.Run(null!));
        Assert.Throws<ArgumentNullException>(() => Atomic.Run<int>(null!));
    }

    [Fact]
    public void Returns_the_result_of_the_committed_attempt()
    {
        using var _ = StmMode.Force();
        int attempts = 0;
        int result = Atomic.Run(() =>
        {
            attempts++;
            if (attempts < 4)
                TxDescriptor.Current.Doom(AbortCause.Injected);
            return attempts * 10;
        });
        Assert.Equal(40, result);
        Assert.False(Transaction.IsAtomic);
    }

    [Fact]
    public void Nested_region_joins_the_outer_one_and_an_abort_restarts_the_outer_body()
    {
        using var _ = StmMode.Force();
        var counter = new Counter();
        int outerAttempts = 0;
        Atomic.Run(() =>
        {
            outerAttempts++;
            counter.Write(counter.Read() + 1);
            Atomic.Run(() =>
            {
                Assert.True(Transaction.IsAtomic);
                counter.Write(counter.Read() + 10);
                if (outerAttempts == 1)
                    TxDescriptor.Current.Doom(AbortCause.Injected);
            });
            Assert.True(Transaction.IsAtomic);
        });
        Assert.Equal(2, outerAttempts);
        Assert.Equal(11, counter.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Exception_leaves_the_region_with_its_effects_committed(bool serial)
    {
        using var _ = serial ? null : StmMode.Force();
        var counter = new Counter();
        var thrown = new InvalidOperationException("from the region");
        var caught = Assert.Throws<InvalidOperationException>(() => Atomic.Run(() =>
        {
            counter.Write(42);
            throw thrown;
        }));
        Assert.Same(thrown, caught);
        Assert.Contains(nameof(Exception_leaves_the_region_with_its_effects_committed), caught.StackTrace);
        Assert.Equal(42, counter.Value);
        Assert.False(TxDescriptor.Current.InTransaction);
    }

    [Fact]
    public void Commit_handlers_run_in_order_after_the_commit_outside_any_transaction()
    {
        using var _ = StmMode.Force();
        var counter = new Counter();
        var events = new List<string>();
        int attempts = 0;
        Atomic.Run(() =>
        {
            attempts++;
            counter.Write(attempts);
            Transaction.OnCommit(() => events.Add($"first commit handler of attempt {attempts}, in transaction: {TxDescriptor.Current.InTransaction}, value {counter.Value}"));
            Transaction.OnCommit(() => events.Add($"second commit handler of attempt {attempts}"));
            Transaction.OnAbort(() => events.Add($"first abort handler of attempt {attempts}, value {counter.Value}"));
            Transaction.OnAbort(() => events.Add($"second abort handler of attempt {attempts}"));
            if (attempts == 1)
                TxDescriptor.Current.Doom(AbortCause.Injected);
        });
        Assert.Equal(
        [
            "second abort handler of attempt 1",
            "first abort handler of attempt 1, value 0",
            "first commit handler of attempt 2, in transaction: False, value 2",
            "second commit handler of attempt 2",
        ], events);
    }

    [Fact]
    public void Outside_a_transaction_commit_handlers_run_at_once_and_the_rest_does_nothing()
    {
        bool ran = false;
        Transaction.OnCommit(() => ran = true);
        Transaction.OnAbort(() => throw new InvalidOperationException("never runs"));
        Transaction.BecomeInevitable();
        Transaction.HintCommitSoon();
        Assert.True(ran);
        Assert.False(Transaction.IsAtomic);
        Assert.False(Transaction.IsInevitable);
    }

    [Fact]
    public void Woven_code_called_from_a_commit_handler_runs_in_its_own_transaction()
    {
        using var _ = StmMode.Force();
        var counter = new Counter();
        Atomic.Run(() =>
        {
            counter.Write(1);
            Transaction.OnCommit(() => FullMode.Increment(counter, 5));
        });
        Assert.Equal(6, counter.Value);
        Assert.False(TxDescriptor.Current.InTransaction);
    }

    [Fact]
    public void The_abort_exception_never_escapes_under_contention()
    {
        using var _ = StmMode.Force();
        const int Threads = 4;
        const int Increments = 2_000;
        var counter = new Counter();
        var escaped = new List<Exception>();
        Workloads.RunThreads(Threads, _ =>
        {
            for (int i = 0; i < Increments; i++)
            {
                try
                {
                    Atomic.Run(() => counter.Write(counter.Read() + 1));
                }
                catch (Exception exception)
                {
                    lock (escaped)
                        escaped.Add(exception);
                }
            }
        });
        Assert.Empty(escaped);
        Assert.Equal(Threads * Increments, counter.Value);
    }
}
