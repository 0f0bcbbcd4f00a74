using Stm.Abi;
using Stm.HandWoven;

namespace Stm.Tests;

public sealed class InevitableTests
{
    [Fact]
    public void Inevitable_transactions_are_never_aborted_and_never_two_at_once()
    {
        using var _ = StmMode.Force();
        const int Threads = 4;
        const int Rounds = 300;
        var shared = new Counter();
        int inevitableNow = 0;
        int mostAtOnce = 0;
        int abortedWhileInevitable = 0;
        Workloads.RunThreads(Threads, thread =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                bool inevitable = (round + thread) % 2 == 0;
                Atomic.Run(() =>
                {
                    long value = shared.Read();
                    if (!inevitable)
                    {
                        shared.Write(value + 1);
                        return;
                    }
                    Transaction.BecomeInevitable();
                    Assert.True(Transaction.IsInevitable);
                    Transaction.OnAbort(() => Interlocked.Increment(ref abortedWhileInevitable));
                    int now = Interlocked.Increment(ref inevitableNow);
                    InterlockedMax(ref mostAtOnce, now);
                    Thread.SpinWait(200);
                    shared.Write(shared.Read() + 1);
                    // Still inside the transaction: the token is released only by the commit.
                    Interlocked.Decrement(ref inevitableNow);
                });
            }
        });
        Assert.Equal(1, mostAtOnce);
        Assert.Equal(0, abortedWhileInevitable);
        Assert.Equal(Threads * Rounds, shared.Value);
    }

    [Fact]
    public void Others_see_the_writes_of_an_inevitable_transaction_only_after_it_commits()
    {
        using var _ = StmMode.Force();
        const int Writes = 300;
        var x = new Counter();
        var y = new Counter();
        int tornReads = 0;
        int writerDone = 0;
        Workloads.RunThreads(3, thread =>
        {
            if (thread == 0)
            {
                for (long k = 1; k <= Writes; k++)
                {
                    Atomic.Run(() =>
                    {
                        Transaction.BecomeInevitable();
                        x.Write(k);
                        Thread.SpinWait(500);
                        y.Write(k);
                    });
                }
                Volatile.Write(ref writerDone, 1);
                return;
            }
            while (Volatile.Read(ref writerDone) == 0)
            {
                Atomic.Run(() =>
                {
                    if (x.Read() != y.Read())
                        Interlocked.Increment(ref tornReads);
                });
            }
        });
        Assert.Equal(0, tornReads);
        Assert.Equal(Writes, x.Value);
        Assert.Equal(Writes, y.Value);
    }

    [Fact]
    public void Becoming_inevitable_over_stale_reads_restarts_the_attempt_inevitable()
    {
        using var _ = StmMode.Force();
        var counter = new Counter();
        int attempts = 0;
        var interfere = new Thread(() => Atomic.Run(() => counter.Write(100)));
        Atomic.Run(() =>
        {
            attempts++;
            long seen = counter.Read();
            if (attempts == 1)
            {
                // Another thread commits over what this attempt read: it cannot become inevitable as is.
                interfere.Start();
                interfere.Join();
            }
            Transaction.BecomeInevitable();
            counter.Write(seen + 1);
        });
        Assert.Equal(2, attempts);
        Assert.Equal(101, counter.Value);
        Assert.True(Transaction.ThreadStatistics.AbortsOf(AbortCause.InevitableRetry) >= 1);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
