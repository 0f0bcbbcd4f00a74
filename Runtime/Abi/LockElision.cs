using System.Runtime.CompilerServices;
using Stm.Core;

namespace Stm.Abi;

// Lock elision (docs/abi.md §5). Woven code calls ElidedMonitor / ElidedLock instead of Monitor and
// System.Threading.Lock; they come here. A lock region (outermost entry to exit) runs as one
// transaction, whose start point is the outermost acquisition; inner entries only count.
// - Elided: the acquisition reads the lock's monitor slot (MonitorSlots) as an STM location; it
//   must show no real holder. Nothing is really locked: two elided regions of one lock run in
//   parallel and the STM serializes them.
// - Real: the lock is really acquired and the slot counts a real holder, which moves the slot's
//   version and so aborts every elided region that read it. A thread blocks on a real lock only
//   where it holds no transaction state (at the start of an attempt); inside a running attempt it
//   only tries, and if the lock is busy it aborts and waits for the lock before its next attempt.
//   A real release (and a Pulse) takes effect when the transaction commits.
// Elision is cancelled (the lock really acquired, so code outside the STM sees the lock held)
// when the region does something irrevocable, before Monitor.Wait, when its attempts keep
// aborting, and when the lock is already really held. Each entry site then locks for real for a
// while before it tries elision again (TransactionSite).
public sealed partial class TxDescriptor
{
    /// <summary>Consecutive aborts of an elided region after which its next attempt locks for real.</summary>
    private const int AbortsBeforeRealLocking = 2;

    private HeldLock[] _held = new HeldLock[4];
    private int _heldCount;

    /// <summary>The held locks as they were when the running attempt began: a rollback restores them.</summary>
    private HeldLock[] _heldAtStart = new HeldLock[4];
    private int _heldAtStartCount;

    /// <summary>Real acquisitions made by the running attempt: a rollback lets them go.</summary>
    private RealLock[] _acquired = new RealLock[4];
    private int _acquiredCount;

    /// <summary>Pulses and real releases of the running attempt, done in order when it commits.</summary>
    private (RealLock Lock, DeferredAction Action)[] _deferred = new (RealLock, DeferredAction)[4];
    private int _deferredCount;

    /// <summary>A real lock an aborted attempt found busy: its restart waits until it is free.</summary>
    private RealLock? _waitFor;

    /// <summary>The next attempt locks its elided regions for real (irrevocable action, repeated aborts).</summary>
    private bool _lockForRealNext;

    /// <summary>How long the first real acquisition of an outermost entry may wait (TryEnter); it failed if this is set back to -2.</summary>
    private int _acquireTimeout = Timeout.Infinite;

    private const int AcquireFailed = -2;

    /// <summary>The site of the elided region the running attempt began with; told when it commits.</summary>
    private TransactionSite? _elidedSite;

    private struct HeldLock
    {
        public RealLock Lock;
        public TransactionSite? Site;
        public int Count;
        public int Depth;
        public bool Real;
        public bool WantReal;
        public bool InRegion;
    }

    private enum DeferredAction : byte
    {
        Pulse,
        PulseAll,
        Release,
    }

    // ---------------------------------------------------------------- entering

    /// <summary>
    /// An acquisition (Enter, TryEnter, EnterScope). Returns false only when a timed TryEnter found
    /// the lock really held for the whole timeout. With <paramref name="canStart"/> the outermost
    /// entry is a start point: the running transaction commits and the region's begins here
    /// (woven code then saves its shadows after <see cref="ResumedAt"/>).
    /// </summary>
    internal bool EnterLock(object target, LockKind kind, int millisecondsTimeout, int depth, TransactionSite? site, bool canStart)
    {
        if (InTypeInitializer)
            return EnterLockInTypeInitializer(target, kind, millisecondsTimeout);
        ThrowIfDoomed();
        int index = IndexOfHeld(target, kind);
        if (index >= 0)
        {
            ref HeldLock held = ref _held[index];
            held.Count++;
            if (held.InRegion)
                RegionDepth++;
            return true;
        }
        var lockToTake = new RealLock(target, kind, MonitorSlots.For(target));
        // Inside an object-level call the region joins the running transaction: the call stays atomic.
        if (RegionDepth == 0 && canStart && Status == TxStatus.Active && !InsideObjectCall)
            return EnterOutermost(lockToTake, millisecondsTimeout, depth, site);
        return JoinRegion(lockToTake, millisecondsTimeout, depth, site);
    }

    /// <summary>
    /// An entry that starts no transaction: the region is part of the running one (nested in
    /// another region, at a point that cannot hold a start point, or in serial mode, where
    /// nothing aborts). The lock is read there and must not be really held by another thread.
    /// </summary>
    private bool JoinRegion(RealLock lockToTake, int millisecondsTimeout, int depth, TransactionSite? site)
    {
        PushHeld(new HeldLock { Lock = lockToTake, Site = site, Count = 1, Depth = depth, InRegion = true });
        RegionDepth++;
        if (ReadRealHolders(lockToTake.Slot) == 0 || ConvertToReal(_heldCount - 1, millisecondsTimeout, mayAbort: true, fresh: true))
            return true;
        _heldCount--;
        RegionDepth--;
        return false;
    }

    private bool EnterOutermost(RealLock lockToTake, int millisecondsTimeout, int depth, TransactionSite? site)
    {
        if (IsSerial)
        {
            if (!JoinRegion(lockToTake, millisecondsTimeout, depth, site))
                return false;
            Stats.ElidedLocks++;
            return true;
        }
        // An attempt that has done nothing yet is simply replaced (most often: the caller's, begun
        // when the previous region's frame returned).
        bool untouched = !IsInevitable && LogReads && (ReadCount | WriteCount | UndoCount | _acquiredCount | _deferredCount) == 0 && !HasHandlers;
        if (!untouched)
            Commit();
        // The entry is a start point: earlier pins of this frame no longer matter.
        UnpinFrom(depth);
        bool elide = site is null || site.ShouldElide();
        PushHeld(new HeldLock { Lock = lockToTake, Site = site, Count = 1, Depth = depth, InRegion = true, WantReal = !elide });
        RegionDepth = 1;
        _site = site;
        _acquireTimeout = millisecondsTimeout;
        Begin(depth);
        bool acquired = _acquireTimeout != AcquireFailed;
        _acquireTimeout = Timeout.Infinite;
        if (!acquired)
            return false;
        if (!_held[_heldCount - 1].Real)
        {
            Stats.ElidedLocks++;
            _elidedSite = site;
        }
        return true;
    }

    // ---------------------------------------------------------------- leaving

    /// <summary>An Exit (or Scope.Dispose). A real release waits for the commit; misuse throws what the real lock throws.</summary>
    internal void ExitLock(object target, LockKind kind)
    {
        if (Status == TxStatus.Doomed && !InTypeInitializer)
            return; // a finally block of an aborted attempt: the rollback restores the held locks
        int index = IndexOfHeld(target, kind);
        if (index < 0)
        {
            ExitUnknownLock(target, kind);
            return;
        }
        ref HeldLock held = ref _held[index];
        if (held.InRegion)
            RegionDepth--;
        if (--held.Count > 0)
            return;
        var released = held;
        RemoveHeldAt(index);
        if (released.Real)
        {
            Defer(released.Lock, DeferredAction.Release);
            HintCommitSoon();
        }
    }

    /// <summary>Exit of a lock this thread did not enter through woven code: real, or the original's exception.</summary>
    private void ExitUnknownLock(object target, LockKind kind)
    {
        if (!HoldsLock(target, kind))
            RealLocks.ThrowNotHeld(kind);
        RealLocks.Exit(target, kind);
    }

    /// <summary>Monitor.IsEntered, Lock.IsHeldByCurrentThread: held elided counts as held.</summary>
    internal bool HoldsLock(object target, LockKind kind)
    {
        if (IndexOfHeld(target, kind) >= 0)
            return true;
        return !IsReleasePending(target, kind) && RealLocks.IsHeld(target, kind);
    }

    // ---------------------------------------------------------------- Wait and Pulse

    /// <summary>Monitor.Pulse/PulseAll: takes effect when the transaction commits (an aborted attempt pulses nobody).</summary>
    internal void PulseLock(object target, bool all)
    {
        if (IndexOfHeld(target, LockKind.Monitor) < 0)
        {
            if (!HoldsLock(target, LockKind.Monitor))
                Monitor.Pulse(new object()); // throws the original's SynchronizationLockException
            if (all)
                Monitor.PulseAll(target);
            else
                Monitor.Pulse(target);
            return;
        }
        if (Status != TxStatus.Doomed)
            Defer(new RealLock(target, LockKind.Monitor, MonitorSlots.For(target)), all ? DeferredAction.PulseAll : DeferredAction.Pulse);
    }

    /// <summary>
    /// Monitor.Wait: a blocking call. Every held lock becomes real, the transaction commits (Wait
    /// releases the lock, so others may see the region's effects, as in the original), the thread
    /// waits on the real monitor, and a new transaction begins in this frame when it has the lock
    /// back. Without <paramref name="canStart"/> that transaction is inevitable, since this point
    /// cannot restart.
    /// </summary>
    internal bool WaitOnLock(object target, int millisecondsTimeout, int depth, bool canStart)
    {
        if (InTypeInitializer)
            return Monitor.Wait(target, millisecondsTimeout);
        ThrowIfDoomed();
        int index = IndexOfHeld(target, LockKind.Monitor);
        if (index < 0 && !HoldsLock(target, LockKind.Monitor))
            Monitor.Wait(new object()); // throws the original's SynchronizationLockException
        if (canStart)
            UnpinFrom(depth);
        else
            Pin(depth);
        var slot = index >= 0 ? _held[index].Lock.Slot : null;
        BeforeBlocking(depth);
        // Inside an [Atomic] region the transaction stays: it became inevitable instead.
        bool suspended = Status == TxStatus.Idle;
        slot?.RemoveRealHolder();
        try
        {
            return Monitor.Wait(target, millisecondsTimeout);
        }
        catch
        {
            // The exception leaves this point: no start point for the next transaction.
            Pin(depth);
            throw;
        }
        finally
        {
            slot?.AddRealHolder(this);
            if (suspended)
            {
                ResumeBlockedAt(depth);
                Begin(depth);
            }
        }
    }

    private bool HoldsRealLocks()
    {
        for (int i = 0; i < _heldCount; i++)
        {
            if (_held[i].Real)
                return true;
        }
        return false;
    }

    /// <summary>How much of <see cref="RegionDepth"/> lock regions make up (the rest: [Atomic] and Atomic.Run).</summary>
    private int LockRegionDepth()
    {
        int depth = 0;
        for (int i = 0; i < _heldCount; i++)
        {
            if (_held[i].InRegion)
                depth += _held[i].Count;
        }
        return depth;
    }

    // ---------------------------------------------------------------- cancelling elision

    /// <summary>Before something irrevocable in a region: every elided lock is really acquired first.</summary>
    private void MakeHeldLocksReal()
    {
        for (int i = 0; i < _heldCount; i++)
        {
            if (!_held[i].Real)
            {
                _held[i].Site?.ElisionFailed();
                ConvertToReal(i, Timeout.Infinite, mayAbort: true, fresh: false);
            }
        }
    }

    /// <summary>
    /// Really acquires the elided lock <c>_held[index]</c> inside the running attempt. It only
    /// tries: a busy lock aborts the attempt (<paramref name="mayAbort"/>), whose restart waits for
    /// it and locks for real. An attempt that cannot abort waits, asking the holder to let go.
    /// A timed TryEnter waits its timeout and returns false if the lock stayed busy.
    /// </summary>
    private bool ConvertToReal(int index, int millisecondsTimeout, bool mayAbort, bool fresh)
    {
        var lockToTake = _held[index].Lock;
        if (millisecondsTimeout != Timeout.Infinite)
        {
            if (!RealLocks.TryEnter(lockToTake.Target, lockToTake.Kind, millisecondsTimeout))
                return false;
        }
        else if (!RealLocks.TryEnter(lockToTake.Target, lockToTake.Kind, 0) && WaitForBusyLock(index, mayAbort, fresh))
        {
            return true;
        }
        HoldForReal(ref _held[index], journal: true);
        // Our own new version of the slot must not fail our validation.
        long word = Volatile.Read(ref lockToTake.Slot.Header);
        for (int i = 0; i < ReadCount; i++)
        {
            if (ReferenceEquals(Reads[i].Holder, lockToTake.Slot))
                Reads[i].Word = word;
        }
        return true;
    }

    /// <summary>
    /// The running attempt needs a real lock another thread holds. It must not wait holding
    /// transaction state the holder may need (its locks, the inevitable token, serial mode): it
    /// aborts and waits before its restart. If it cannot abort (inevitable, serial), the lock is
    /// being entered now (<paramref name="fresh"/>: nothing was done under it yet) and every other
    /// lock it holds is a lock region it can hold for real, it commits here instead, waits, and
    /// goes on in a new (inevitable) transaction: the real locks keep other holders out meanwhile.
    /// Otherwise it waits where it is: committing would publish a region of an elided lock that
    /// another thread holds for real, and an [Atomic] region cannot commit early. Returns true if
    /// the lock <c>_held[index]</c> was made real across such a commit (nothing left to do).
    /// </summary>
    private bool WaitForBusyLock(int index, bool mayAbort, bool fresh)
    {
        var lockToTake = _held[index].Lock;
        if (mayAbort && CanAbort)
        {
            _waitFor = lockToTake;
            _lockForRealNext = true;
            Doom(AbortCause.LockHeld);
        }
        if (!fresh || Status != TxStatus.Active || RegionDepth != LockRegionDepth() || !TryMakeHeldLocksReal(except: index))
        {
            WaitForRealLock(lockToTake);
            return false;
        }
        int depth = FrameDepth;
        Pin(depth);
        Commit();
        ExecutionModes.GiveUpSerial(this);
        // The next attempt's start takes the lock (PrepareHeldLocks), before the inevitable token
        // that its pinned frame needs, and lets it go while the token's holder waits for it.
        // Taken here, it was held through that wait: the holder waited for it, this thread for the
        // token (BitFaster.Caching's maintenance against a Clear made inevitable).
        _held[index].WantReal = true;
        Begin(depth);
        return true;
    }

    /// <summary>Really acquires every elided lock this thread holds but <c>_held[except]</c>, if none is busy (no waiting).</summary>
    private bool TryMakeHeldLocksReal(int except)
    {
        for (int i = 0; i < _heldCount; i++)
        {
            ref HeldLock held = ref _held[i];
            if (held.Real || i == except)
                continue;
            if (!RealLocks.TryEnter(held.Lock.Target, held.Lock.Kind, 0))
                return false;
            HoldForReal(ref held, journal: true);
        }
        return true;
    }

    /// <summary>Blocks until the real lock is taken; an inevitable or serial attempt asks its holder to abort meanwhile.</summary>
    private void WaitForRealLock(RealLock lockToTake)
    {
        while (!RealLocks.TryEnter(lockToTake.Target, lockToTake.Kind, 1))
        {
            if (IsSerial && Status == TxStatus.Idle)
                ExecutionModes.UpdateAtStart(this);
            if ((IsInevitable || IsSerial) && lockToTake.Slot.LastRealHolder is { } holder && holder != this)
                holder.RequestAbort(Volatile.Read(ref holder.AttemptId));
        }
    }

    /// <summary>
    /// A transaction must commit while lock regions are open (their frame is left by a return or
    /// an exception with the lock still held, as the original allows): those locks become real
    /// and stop counting as regions, since the transaction now ends before they are released.
    /// </summary>
    private void CloseLockRegionsOf(int depth)
    {
        for (int i = 0; i < _heldCount; i++)
        {
            ref HeldLock held = ref _held[i];
            if (!held.InRegion || held.Depth < depth)
                continue;
            if (!held.Real)
                ConvertToReal(i, Timeout.Infinite, mayAbort: false, fresh: false);
            held.InRegion = false;
            RegionDepth -= held.Count;
        }
    }

    // ---------------------------------------------------------------- the attempt lifecycle

    /// <summary>
    /// At the start of an attempt (no reads yet, the inevitable token already taken if needed):
    /// remembers the held locks for a rollback, then really acquires those that must be real. A
    /// thread may block here: it holds no transaction state.
    /// </summary>
    private void PrepareHeldLocks()
    {
        if (_heldAtStart.Length < _heldCount)
            Array.Resize(ref _heldAtStart, _held.Length);
        Array.Copy(_held, _heldAtStart, _heldCount);
        _heldAtStartCount = _heldCount;
        for (int i = 0; i < _heldCount; i++)
        {
            ref HeldLock held = ref _held[i];
            if (held.Real || !(held.WantReal || Volatile.Read(ref held.Lock.Slot.RealHolders) > 0))
                continue;
            var lockToTake = held.Lock;
            if (_acquireTimeout != Timeout.Infinite && !RealLocks.TryEnter(lockToTake.Target, lockToTake.Kind, _acquireTimeout))
            {
                // Only the entry just made can have a timeout: it is the last one.
                _acquireTimeout = AcquireFailed;
                RegionDepth -= held.Count;
                _heldCount--;
                _heldAtStartCount--;
                return;
            }
            if (_acquireTimeout == Timeout.Infinite)
                WaitForRealLock(lockToTake);
            HoldForReal(ref held, journal: true);
        }
    }

    /// <summary>Right after the attempt began: its elided locks are read (subscribed to) inside it.</summary>
    private void SubscribeElidedLocks()
    {
        for (int i = 0; i < _heldCount; i++)
        {
            if (_held[i].Real)
                continue;
            var slot = _held[i].Lock.Slot;
            long seen = Volatile.Read(ref slot.Header);
            int holders = Volatile.Read(ref slot.RealHolders);
            if (holders == 0 && seen <= SnapshotWord && Volatile.Read(ref slot.Header) == seen)
            {
                LogRead(slot, ref slot.Header, seen);
                continue;
            }
            // Really acquired since PrepareHeldLocks looked. Aborting here would skip the frame's
            // save of its shadows, so the attempt is only marked: it aborts at its next check.
            if (CanAbort)
            {
                _lockForRealNext = true;
                MarkDoomed(AbortCause.LockHeld);
                return;
            }
            ConvertToReal(i, Timeout.Infinite, mayAbort: false, fresh: false);
        }
    }

    /// <summary>Before the next attempt of a restart: wait for the lock that was busy; lock for real if elision keeps failing.</summary>
    private void PrepareLocksForRestart()
    {
        if (_waitFor is { } busy)
        {
            _waitFor = null;
            WaitForRealLock(busy);
            RealLocks.Exit(busy.Target, busy.Kind);
        }
        if (!_lockForRealNext && _consecutiveAborts < AbortsBeforeRealLocking)
            return;
        _lockForRealNext = false;
        for (int i = 0; i < _heldCount; i++)
        {
            if (!_held[i].Real && _held[i].InRegion)
            {
                _held[i].WantReal = true;
                _held[i].Site?.ElisionFailed();
            }
        }
    }

    /// <summary>After a commit: real acquisitions stay, deferred pulses and releases happen now.</summary>
    private void SettleLocksAfterCommit()
    {
        _elidedSite?.ElisionSucceeded();
        _elidedSite = null;
        if ((_acquiredCount | _deferredCount) == 0)
            return;
        Array.Clear(_acquired, 0, _acquiredCount);
        _acquiredCount = 0;
        for (int i = 0; i < _deferredCount; i++)
        {
            var (lockToUse, action) = _deferred[i];
            if (action == DeferredAction.Release)
            {
                lockToUse.Slot.RemoveRealHolder();
                RealLocks.Exit(lockToUse.Target, lockToUse.Kind);
                continue;
            }
            bool mine = Monitor.IsEntered(lockToUse.Target);
            if (!mine)
                Monitor.Enter(lockToUse.Target);
            if (action == DeferredAction.PulseAll)
                Monitor.PulseAll(lockToUse.Target);
            else
                Monitor.Pulse(lockToUse.Target);
            if (!mine)
                Monitor.Exit(lockToUse.Target);
        }
        Array.Clear(_deferred, 0, _deferredCount);
        _deferredCount = 0;
    }

    /// <summary>After a rollback: the attempt's real acquisitions are let go, its deferred actions dropped, the held locks restored.</summary>
    private void RestoreLocksAfterRollback()
    {
        _elidedSite = null;
        Array.Clear(_deferred, 0, _deferredCount);
        _deferredCount = 0;
        LetGoOfLocksTaken();
    }

    /// <summary>Lets go of the real locks the attempt took and puts the held locks back as they were when it began.</summary>
    private void LetGoOfLocksTaken()
    {
        for (int i = _acquiredCount - 1; i >= 0; i--)
        {
            _acquired[i].Slot.RemoveRealHolder();
            RealLocks.Exit(_acquired[i].Target, _acquired[i].Kind);
        }
        Array.Clear(_acquired, 0, _acquiredCount);
        _acquiredCount = 0;
        Array.Clear(_held, 0, _heldCount);
        if (_held.Length < _heldAtStartCount)
            Array.Resize(ref _held, _heldAtStart.Length);
        Array.Copy(_heldAtStart, _held, _heldAtStartCount);
        _heldCount = _heldAtStartCount;
    }

    /// <summary>
    /// The inevitable token's holder needs a real lock this attempt's start took: let go of them,
    /// and take them again once the token is free.
    /// </summary>
    private void YieldLocksToInevitable()
    {
        LetGoOfLocksTaken();
        for (int round = 0; ExecutionModes.InevitableOwner is not null; round++)
            Backoff.Pause(ref Random, Math.Min(round, 10));
    }

    private bool HasLockState => (_heldCount | _heldAtStartCount | _acquiredCount | _deferredCount) != 0;

    // ---------------------------------------------------------------- bookkeeping

    /// <summary>Reads the real-holder count of <paramref name="slot"/> inside the attempt (it must stay 0 until commit).</summary>
    private int ReadRealHolders(MonitorSlot slot)
    {
        if (IsSerial)
            return Volatile.Read(ref slot.RealHolders);
        long seen = Volatile.Read(ref slot.Header);
        if (seen <= SnapshotWord)
        {
            int holders = Volatile.Read(ref slot.RealHolders);
            if (Volatile.Read(ref slot.Header) == seen)
            {
                LogRead(slot, ref slot.Header, seen);
                return holders;
            }
        }
        return ReadSlow(slot, ref slot.Header, ref slot.RealHolders);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOfHeld(object target, LockKind kind)
    {
        for (int i = _heldCount - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_held[i].Lock.Target, target) && _held[i].Lock.Kind == kind)
                return i;
        }
        return -1;
    }

    /// <summary>Whether this thread exited <paramref name="target"/> and still holds it only until the commit.</summary>
    private bool IsReleasePending(object target, LockKind kind)
    {
        for (int i = 0; i < _deferredCount; i++)
        {
            if (_deferred[i].Action == DeferredAction.Release && ReferenceEquals(_deferred[i].Lock.Target, target) && _deferred[i].Lock.Kind == kind)
                return true;
        }
        return false;
    }

    private void PushHeld(HeldLock held)
    {
        if (_heldCount == _held.Length)
            Array.Resize(ref _held, _heldCount * 2);
        _held[_heldCount++] = held;
    }

    private void RemoveHeldAt(int index)
    {
        if (index != _heldCount - 1)
            Array.Copy(_held, index + 1, _held, index, _heldCount - index - 1);
        _held[--_heldCount] = default;
    }

    /// <summary>
    /// The real lock of <paramref name="held"/> was just acquired: counted in its slot (elided
    /// holders fail validation), and journaled if a rollback of the running attempt must let it go.
    /// </summary>
    private void HoldForReal(ref HeldLock held, bool journal)
    {
        held.Lock.Slot.AddRealHolder(this);
        if (journal)
            Journal(held.Lock);
        held.Real = true;
        Stats.RealLocks++;
    }

    private void Journal(RealLock acquired)
    {
        if (_acquiredCount == _acquired.Length)
            Array.Resize(ref _acquired, _acquiredCount * 2);
        _acquired[_acquiredCount++] = acquired;
    }

    private void Defer(RealLock lockToUse, DeferredAction action)
    {
        if (_deferredCount == _deferred.Length)
            Array.Resize(ref _deferred, _deferredCount * 2);
        _deferred[_deferredCount++] = (lockToUse, action);
    }
}

/// <summary>A lock object, the API it is used through, and its monitor slot.</summary>
internal readonly record struct RealLock(object Target, LockKind Kind, MonitorSlot Slot);
