using Stm.Core;

namespace Stm.Abi;

// Transaction breaks: blocking calls (Thread.Sleep, Join, waits, Task.Result) and calls into code
// that is not woven (foreign calls: I/O, native code, unknown libraries). A thread must not block,
// nor run code that may wait for other threads, while it holds a transaction others may wait for
// (the inevitable token, serial mode, an update commit), nor count as running meanwhile (others
// could go serial). Outside regions the transaction commits before the call and the thread leaves
// transactional execution; a new transaction begins after it (the call is a commit point, as the
// entry of a method that is not woven would be). Inside a callback of an object-level call the
// call is suspended meanwhile (docs/abi.md §7). Woven code may still run on this thread during
// the call (a callback): it starts transactions of its own, as from non-woven code. The frames
// below are suspended on a stack, restored when the call returns, or, when it throws, by the first
// woven frame or catch the exception reaches.
public sealed partial class TxDescriptor
{
    private (int Depth, int BaseDepth, int RegisteredAtDepth, int ObjectCallBase)[] _blocked = new (int, int, int, int)[4];
    private int _blockedCount;

    /// <summary>
    /// Before a blocking call in the frame at <paramref name="depth"/>: outside regions the
    /// transaction commits and the thread stops running transactions while it blocks. Inside lock
    /// regions only, the locks are really acquired first (they keep other holders out while the
    /// thread blocks, as in the original); inside any other region the transaction becomes
    /// inevitable instead.
    /// </summary>
    public void BeforeBlocking(int depth) => BreakTransaction(depth);

    /// <summary>
    /// Before a call into code that is not woven and not known to be safe, at a call site the
    /// weaver names (callee, caller, source line): a transaction break like a blocking call, since
    /// the callee's effects cannot be undone and it may wait for other threads (its own locks, a
    /// Parallel.For). Inside an [Atomic] region the transaction becomes inevitable instead, and the
    /// site is counted (<see cref="Transaction.InevitableCallSites"/>).
    /// </summary>
    public void BeforeForeignCall(int depth, string callSite)
    {
        bool couldAbort = CanAbort;
        BreakTransaction(depth);
        if (couldAbort && IsInevitable)
            InevitableCallSites.Record(callSite);
    }

    /// <summary>Before a foreign call at a point where the frame cannot restart: as <see cref="BeforeForeignCall"/>, the frame pinned.</summary>
    public void BeforeForeignCallPinned(int depth, string callSite)
    {
        Pin(depth);
        BeforeForeignCall(depth, callSite);
    }

    private void BreakTransaction(int depth)
    {
        if (Status == TxStatus.Idle || InTypeInitializer)
            return;
        if (RegionDepth > 0)
        {
            if (RegionDepth != LockRegionDepth())
            {
                BecomeIrrevocable();
                return;
            }
            ThrowIfDoomed();
            MakeHeldLocksReal();
            // From here the real locks keep other holders out, so what the region read must still
            // hold now, not only at its snapshot: a read-only commit does not check, and a lock
            // region that read stale state would wait for a pulse that was already sent.
            if (CanAbort && !ReadsStillValid())
                Doom(AbortCause.ValidationFailed);
        }
        Commit();
        if (_blockedCount == _blocked.Length)
            Array.Resize(ref _blocked, _blockedCount * 2);
        _blocked[_blockedCount++] = (depth, _baseDepth, _registeredAtDepth, SuspendObjectCalls());
        _baseDepth = -1;
        if (_registeredAtDepth >= 0)
        {
            // Holding real locks, the thread keeps counting as running, so nobody takes serial
            // mode meanwhile: a serial thread cannot wait for a lock (it cannot abort), and this
            // thread must not have to wait for serial mode to end before it can let its locks go.
            if (HoldsRealLocks())
                ExecutionModes.GiveUpSerial(this);
            else
                ExecutionModes.Unregister(this);
        }
        _registeredAtDepth = -1;
    }

    /// <summary>After a blocking or foreign call returned: true if a new transaction started here (save shadows).</summary>
    public bool AfterBlocking(int depth)
    {
        if (!ResumeBlockedAt(depth))
            return false;
        Begin(depth);
        _freshStart = false;
        return true;
    }

    /// <summary>
    /// If the frame at <paramref name="depth"/> (or a deeper one) left transactional execution for
    /// a blocking call, takes it back: the thread registers again and the frames below are
    /// restored. The caller begins the next transaction.
    /// </summary>
    private bool ResumeBlockedAt(int depth)
    {
        if (Status != TxStatus.Idle || InTypeInitializer || _blockedCount == 0 || _blocked[_blockedCount - 1].Depth < depth)
            return false;
        (int, int BaseDepth, int RegisteredAtDepth, int ObjectCallBase) suspended = default;
        while (_blockedCount > 0 && _blocked[_blockedCount - 1].Depth >= depth)
            suspended = _blocked[--_blockedCount];
        _baseDepth = suspended.BaseDepth;
        _registeredAtDepth = suspended.RegisteredAtDepth;
        ResumeObjectCalls(suspended.ObjectCallBase);
        if (_registeredAtDepth >= 0)
            ExecutionModes.Register(this);
        FrameDepth = depth;
        return true;
    }

    private bool IsBlockedAtOrBelow(int depth) => _blockedCount > 0 && _blocked[_blockedCount - 1].Depth >= depth;

    /// <summary>An exception came out of a blocking call made in the frame at <paramref name="depth"/> or deeper: resume there, pinned (no start point).</summary>
    private bool ResumeBlockedByException(int depth)
    {
        if (!ResumeBlockedAt(depth))
            return false;
        Pin(depth);
        Begin(depth);
        _freshStart = false;
        return true;
    }
}
