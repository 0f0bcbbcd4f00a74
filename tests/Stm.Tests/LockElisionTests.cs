using Stm.Abi;
using Stm.Core;

namespace Stm.Tests;

/// <summary>The elidable monitor of docs/abi.md §5, driven as woven code drives it.</summary>
public sealed class LockElisionTests
{
    [Fact]
    public void An_elided_region_really_locks_nothing_and_a_real_holder_makes_the_next_entry_lock_for_real()
    {
        using var _ = StmMode.Force();
        var gate = new object();
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();

        ElidedMonitor.Enter(gate, tx, depth, new TransactionSite(), canStart: true);
        Assert.True(ElidedMonitor.IsEntered(gate, tx, depth, null, canStart: false));
        Assert.False(Monitor.IsEntered(gate));
        Assert.True(Transaction.IsAtomic);
        ElidedMonitor.Exit(gate, tx, depth, null, canStart: false);
        Assert.False(ElidedMonitor.IsEntered(gate, tx, depth, null, canStart: false));

        // Another thread holds the lock for real (as woven code does after cancelling elision).
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (gate)
            {
                MonitorSlots.For(gate).AddRealHolder(TxDescriptor.Current);
                held.Set();
                release.Wait();
                MonitorSlots.For(gate).RemoveRealHolder();
            }
        });
        holder.Start();
        held.Wait();
        Assert.False(ElidedMonitor.TryEnter(gate, 50, tx, depth, new TransactionSite(), canStart: true));
        release.Set();
        holder.Join();

        long realBefore = tx.StatisticsSnapshot().RealLocks;
        var site = new TransactionSite();
        site.ElisionFailed();
        ElidedMonitor.Enter(gate, tx, depth, site, canStart: true);
        Assert.True(Monitor.IsEntered(gate));
        Assert.Equal(realBefore + 1, tx.StatisticsSnapshot().RealLocks);
        ElidedMonitor.Exit(gate, tx, depth, null, canStart: false);
        // The real release waits for the commit.
        Assert.True(Monitor.IsEntered(gate));
        Assert.False(ElidedMonitor.IsEntered(gate, tx, depth, null, canStart: false));
        tx.ExitFrame(depth);
        Assert.False(Monitor.IsEntered(gate));
        Assert.Equal(0, Volatile.Read(ref MonitorSlots.For(gate).RealHolders));
    }

    [Fact]
    public void A_lock_scope_names_its_lock_and_a_second_dispose_does_nothing()
    {
        var gate = new Lock();
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();
        var scope = ElidedLock.EnterScope(gate, tx, depth, new TransactionSite(), canStart: true);
        ElidedLock.Enter(gate, tx, depth, new TransactionSite(), canStart: true);
        Assert.True(ElidedLock.get_IsHeldByCurrentThread(gate, tx, depth, null, canStart: false));
        ElidedLock.Dispose(ref scope, tx, depth, null, canStart: false);
        Assert.True(ElidedLock.get_IsHeldByCurrentThread(gate, tx, depth, null, canStart: false));
        ElidedLock.Dispose(ref scope, tx, depth, null, canStart: false);
        Assert.True(ElidedLock.get_IsHeldByCurrentThread(gate, tx, depth, null, canStart: false));
        ElidedLock.Exit(gate, tx, depth, null, canStart: false);
        Assert.False(ElidedLock.get_IsHeldByCurrentThread(gate, tx, depth, null, canStart: false));
        Assert.Throws<SynchronizationLockException>(() => ElidedLock.Exit(gate, tx, depth, null, canStart: false));
        tx.ExitFrame(depth);
    }

    [Fact]
    public void A_pulse_takes_effect_at_commit_and_an_aborted_attempt_pulses_nobody()
    {
        using var _ = StmMode.Force();
        var gate = new object();
        bool woken = false;
        using var waiting = new ManualResetEventSlim();
        var waiter = new Thread(() =>
        {
            lock (gate)
            {
                waiting.Set();
                woken = Monitor.Wait(gate, 10_000);
            }
        });
        waiter.Start();
        waiting.Wait();
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();

        ElidedMonitor.Enter(gate, tx, depth, new TransactionSite(), canStart: true);
        ElidedMonitor.Pulse(gate, tx, depth, null, canStart: false);
        var abort = Assert.Throws<TransactionAbort>(() => tx.Doom(AbortCause.Injected));
        Assert.Equal(depth, abort.TargetDepth);
        tx.RestartAt(depth);
        // Restarted after the entry: the lock is still held (elided), the pulse is gone.
        Assert.True(ElidedMonitor.IsEntered(gate, tx, depth, null, canStart: false));
        Assert.False(waiter.Join(100));

        ElidedMonitor.Pulse(gate, tx, depth, null, canStart: false);
        ElidedMonitor.Exit(gate, tx, depth, null, canStart: false);
        tx.ExitFrame(depth);
        Assert.True(waiter.Join(10_000));
        Assert.True(woken);
    }
}
