using System.ComponentModel;
using System.Runtime.CompilerServices;
using Stm.Core;

namespace Stm.Abi;

/// <summary>
/// The calling thread's transaction descriptor: one per thread, reused by every transaction the
/// thread runs. Woven code loads it once per method (<see cref="Current"/>) and passes it to the
/// <see cref="Barriers"/>. This file holds the lifecycle: frames, start points, commit points,
/// regions, commit and rollback. See docs/abi.md for the protocol woven code follows.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class TxDescriptor
{
    [ThreadStatic]
    private static TxDescriptor? t_current;

    // Hot state, read by barrier fast paths.
    internal bool IsSerial;
    internal bool LogReads = true;
    internal long OwnedWord;
    internal long SnapshotWord;
    internal int Budget;
    internal ReadEntry[] Reads = new ReadEntry[256];
    internal int ReadCount;
    internal WriteEntry[] Writes = new WriteEntry[32];
    internal int WriteCount;
    internal UndoEntry[] Undo = new UndoEntry[64];
    internal int UndoCount;

    internal TxStatus Status;
    internal bool IsInevitable;
    internal long AttemptId;
    internal int RegionDepth;
    internal int FrameDepth;
    internal int StartDepth;
    internal int StartRegionDepth;
    private int _baseDepth = -1;
    private int _registeredAtDepth = -1;
    private bool _freshStart;
    private TransactionSite? _site;
    private bool _hasUnloggedReads;
    private bool _logNextAttempt;
    private AbortCause _doomCause;

    internal readonly int Slot;
    private long _sequence;
    internal long SerialSince;
    internal int SerialProbeCountdown;

    /// <summary>How often this thread started running woven code; others read it to see it is active.</summary>
    internal long Registrations;

    /// <summary>Sum of the other threads' <see cref="Registrations"/> at this thread's last serial probe.</summary>
    internal long OthersRegistrationsAtProbe = -1;

    /// <summary>1 while the thread runs woven code (see ExecutionModes); written by this thread only.</summary>
    internal int Running;
    internal readonly StatisticsCounters Stats = new();
    private List<Action>? _onCommit;
    private List<Action>? _onAbort;

    private TxDescriptor()
    {
        (Slot, _sequence) = DescriptorRegistry.Allocate(this);
        Random = (uint)(Slot * 2654435761u) | 1;
        _ = new ThreadExitSentinel(this);
    }

    /// <summary>The calling thread's descriptor (created on first use).</summary>
    public static TxDescriptor Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_current ?? CreateForThisThread();
    }

    internal static TxDescriptor? CurrentOrNull => t_current;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TxDescriptor CreateForThisThread() => t_current = new TxDescriptor();

    /// <summary>Whether a transaction is running on this thread.</summary>
    public bool InTransaction => Status != TxStatus.Idle;

    /// <summary>
    /// Whether a leaf (a method with no frame of its own) entered from code that is not woven can
    /// run in the running transaction. Not while that transaction waits for its caller's return
    /// site (a callback between a callee's commit and the return site, see
    /// <see cref="MoveStartHere"/>): the leaf's framed wrapper then takes the start point over.
    /// </summary>
    public bool RunsLeavesInline
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Status != TxStatus.Idle && !_freshStart;
    }

    /// <summary>
    /// Whether this thread runs in serial mode (the only thread running woven code: every barrier is
    /// its plain access). It changes only where a transaction starts.
    /// </summary>
    public bool InSerialMode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => IsSerial;
    }

    /// <summary>Whether the running attempt may still abort (it is neither serial nor inevitable).</summary>
    internal bool CanAbort => Status == TxStatus.Active && !IsSerial && !IsInevitable;

    /// <summary>
    /// Whether a rollback may undo what this attempt writes now: one that can abort, or one already
    /// doomed whose abort is unwinding through finally blocks that still write.
    /// </summary>
    internal bool MayRollBack => Status != TxStatus.Idle && !IsSerial && !IsInevitable;

    // ---------------------------------------------------------------- frames and start points

    /// <summary>
    /// Entry of a woven method. Returns the frame's depth, which names its start points. If no
    /// transaction runs on this thread, one begins here (the thread registers first).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EnterFrame()
    {
        int depth = ++FrameDepth;
        if (_pinCount > 0 || Status == TxStatus.Idle || _freshStart)
            EnterFrameSlow(depth);
        return depth;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterFrameSlow(int depth)
    {
        if (InTypeInitializer)
            return;
        UnpinFrom(depth);
        if (Status == TxStatus.Idle)
        {
            // The frame's prologue saves its shadows: the entry is the start point, not a return site.
            BeginOutermost(depth);
            _freshStart = false;
        }
        else if (_freshStart && StartDepth == depth - 1)
        {
            MoveStartHere(depth);
        }
    }

    /// <summary>
    /// A frame is entered while the transaction that began in its caller (when a callee committed
    /// at its exit) waits for the caller's return site: the caller is inside a call into code that
    /// is not woven, which calls back into woven code again (string.Join over woven ToString
    /// methods, a comparer). The caller cannot restart before that call returns, so this frame's
    /// entry becomes the start point; nothing was done in the transaction yet.
    /// </summary>
    private void MoveStartHere(int depth)
    {
        _freshStart = false;
        if ((ReadCount | WriteCount | UndoCount) != 0)
            return;
        StartDepth = depth;
        UnpinFrom(depth);
    }

    /// <summary>
    /// Entry of a woven method that can never restart (it writes through <c>ref</c> parameters or
    /// pointers the undo log does not see): any transaction that begins in this frame is inevitable.
    /// </summary>
    public int EnterUnrestartableFrame()
    {
        int depth = ++FrameDepth;
        UnpinFrom(depth);
        Pin(depth);
        if (Status == TxStatus.Idle)
        {
            // The frame's prologue saves its shadows: the entry is the start point, not a return site.
            BeginOutermost(depth);
            _freshStart = false;
        }
        return depth;
    }

    /// <summary>
    /// Exit of a woven method (every return path). A transaction never outlives the frame of its
    /// start point: if it started here it commits now, and the caller continues in a new one
    /// (<see cref="ResumedAt"/> tells the caller to save its shadow locals).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExitFrame(int depth)
    {
        if (!TryExitFrame(depth))
            throw new TransactionAbort(depth, _doomCause);
    }

    /// <summary>
    /// <see cref="ExitFrame"/> for woven code: false when the commit of the transaction that
    /// started here failed. The attempt is doomed and the frame calls <see cref="RestartAt"/>
    /// itself (no exception: a .NET exception costs the price of a hundred small transactions).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryExitFrame(int depth)
    {
        FrameDepth = depth - 1;
        return StartDepth < depth || ExitStartFrame(depth);
    }

    /// <summary>
    /// A commit point (method entry, loop back-edge). Commits when the adaptive budget is spent and
    /// no region is open. Returns true when a new transaction started here: the frame must save
    /// the locals that may change before the next commit point.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CommitPoint(int depth) => --Budget <= 0 && CommitPointSlow(depth);

    /// <summary>
    /// <paramref name="passed"/> commit points at once: woven loops count their back-edges in a
    /// register and come here every few iterations, so the budget still counts iterations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CommitPoints(int depth, int passed) => (Budget -= passed) <= 0 && CommitPointSlow(depth);

    /// <summary>After a call returns: true once if the callee committed and the new transaction starts here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ResumedAt(int depth)
    {
        if (!_freshStart || StartDepth != depth)
            return false;
        _freshStart = false;
        return true;
    }

    /// <summary>
    /// In the handler of the frame at <paramref name="depth"/>, for an abort whose
    /// <see cref="TransactionAbort.TargetDepth"/> is that depth: rolls the attempt back, backs off,
    /// and begins the next attempt here. The frame then restores its shadow locals and jumps to
    /// the start point.
    /// </summary>
    public void RestartAt(int depth)
    {
        if (Status != TxStatus.Doomed || StartDepth != depth)
            throw new InvalidOperationException($"No aborted transaction starts at frame depth {depth}.");
        Rollback();
        BackOffAfterAbort();
        UnpinFrom(depth);
        RegionDepth = StartRegionDepth;
        if (HasLockState || _waitFor is not null)
            PrepareLocksForRestart();
        FrameDepth = depth;
        Begin(depth);
        _freshStart = false;
    }

    /// <summary>
    /// The restart path reads each shadow local through this call. A local whose address escapes
    /// stays in memory, outside the JIT's SSA: a tracked shadow is live into the frame's handler,
    /// whose φ for it gains an argument from every block of the method (the JIT's time grew with
    /// blocks × blocks × shadows, seconds for a big method). Its saves are stores to the stack, as
    /// they were for a tracked local live into a handler.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Restore<T>(ref T shadow) where T : allows ref struct => shadow;

    /// <summary>
    /// A woven catch handler at <paramref name="depth"/> caught a user exception: the frames
    /// deeper than this one are gone. The handler cannot hold a start point, so a transaction that
    /// begins in this frame before its next commit point is inevitable.
    /// </summary>
    public void CaughtAt(int depth)
    {
        FrameDepth = depth;
        Pin(depth);
        EndObjectCallsFrom(depth);
        ResumeBlockedByException(depth);
    }

    // ---------------------------------------------------------------- regions

    /// <summary>
    /// Entry of a region ([Atomic] method, Atomic.Run, an elided lock). The outermost entry is a
    /// start point: the running transaction commits and the region runs as one new transaction.
    /// Returns true when that new transaction started here.
    /// </summary>
    public bool EnterRegion(int depth, TransactionSite? site = null)
    {
        if (InTypeInitializer)
        {
            RegionDepth++;
            return false;
        }
        ThrowIfDoomed();
        // Inside an object-level call the region joins the running transaction: the call stays atomic.
        if (RegionDepth++ > 0 || InsideObjectCall)
            return false;
        bool untouchedSinceStart = StartDepth == depth && ReadCount == 0 && WriteCount == 0 && UndoCount == 0;
        if (!untouchedSinceStart)
            Commit();
        _site = site;
        if (untouchedSinceStart)
        {
            // Nothing to commit, but objects allocated so far must not count as the region's own:
            // a restart at the region entry would see writes made to them without undo.
            TakeNewAttemptId();
            ChooseReadMode();
        }
        else
        {
            Begin(depth);
        }
        StartRegionDepth = RegionDepth;
        _freshStart = false;
        return true;
    }

    /// <summary>
    /// Leaves a region that started in this frame and the frame itself: the outermost exit commits
    /// the region's transaction. Returns false if the commit failed: the attempt is doomed and the
    /// frame calls <see cref="RestartAt"/> (no exception: the start point is this frame).
    /// </summary>
    public bool ExitRegionAndFrame(int depth)
    {
        FrameDepth = depth - 1;
        // A region that joined the running transaction (inside an object-level call) does not end it.
        if (--RegionDepth > 0 || StartDepth != depth)
            return true;
        if (!TryCommit())
            return false;
        ContinueAfterStartFrame(depth);
        return true;
    }

    // ---------------------------------------------------------------- lifecycle

    private void BeginOutermost(int depth)
    {
        if (_registeredAtDepth < 0)
        {
            ExecutionModes.Register(this);
            _registeredAtDepth = depth;
        }
        _baseDepth = depth;
        Begin(depth);
    }

    private void Begin(int startDepth)
    {
        TakeNewAttemptId();
        ReadCount = 0;
        WriteCount = 0;
        UndoCount = 0;
        StartDepth = startDepth;
        ExecutionModes.UpdateAtStart(this);
        // Inside an object-level call the frame cannot restart (the call is not woven code): the
        // attempt is inevitable. Its announcements are down while it may wait for the token.
        bool insideObjectCall = InsideObjectCall;
        if (insideObjectCall)
            WithdrawObjectCalls();
        // Real locks before the inevitable token: a thread never waits for a lock holding the
        // token. The token's holder may then need a lock taken here: it is let go, and taken again.
        while (true)
        {
            if (_heldCount > 0)
                PrepareHeldLocks();
            else
                _heldAtStartCount = 0;
            if (IsSerial || !(_restartInevitable || insideObjectCall || IsPinned(startDepth)) || AcquireInevitableAtStart())
                break;
            YieldLocksToInevitable();
        }
        StartRegionDepth = RegionDepth;
        SnapshotWord = LockWord.FromVersion(GlobalClock.Now);
        Budget = IsSerial ? SerialBudget : _budget;
        ChooseReadMode();
        Status = TxStatus.Active;
        // An attempt that cannot abort needs no start point.
        _freshStart = !IsSerial && !IsInevitable;
        if (_heldCount > 0)
            SubscribeElidedLocks();
        if (insideObjectCall)
            ReestablishObjectCalls();
    }

    private void TakeNewAttemptId()
    {
        AttemptId = LockWord.AttemptId(++_sequence, Slot);
        OwnedWord = LockWord.Captured(AttemptId);
    }

    /// <summary>Read-only (no read log) when the region's site predicts it and the last attempt did not fail read-only.</summary>
    private void ChooseReadMode()
    {
        LogReads = !(_site is { PredictsReadOnly: true } && RegionDepth > 0 && !_logNextAttempt && !IsInevitable);
        _hasUnloggedReads = false;
    }

    private bool CommitPointSlow(int depth)
    {
        if (Status != TxStatus.Active || InTypeInitializer)
            return false;
        CheckAbortRequest();
        if (RegionDepth > 0 || InsideObjectCall)
        {
            // No commit inside a region or an object-level call; still come back here now and then for abort requests.
            Budget = _budget;
            return false;
        }
        UnpinFrom(depth);
        Commit();
        FrameDepth = depth;
        Begin(depth);
        _freshStart = false;
        return true;
    }

    private bool ExitStartFrame(int depth)
    {
        // A doomed attempt restarts instead: its rollback restores the held locks.
        if (RegionDepth > 0 && _heldCount > 0 && Status == TxStatus.Active)
            CloseLockRegionsOf(depth);
        if (!TryCommit())
            return false;
        ContinueAfterStartFrame(depth);
        return true;
    }

    /// <summary>The transaction that started in the frame at <paramref name="depth"/> committed as the frame exits.</summary>
    private void ContinueAfterStartFrame(int depth)
    {
        if (depth != _baseDepth)
        {
            Begin(depth - 1);
            return;
        }
        _baseDepth = -1;
        if (_registeredAtDepth == depth)
        {
            _registeredAtDepth = -1;
            ExecutionModes.Unregister(this);
        }
    }

    /// <summary>Commits the running attempt, or dooms it and throws the abort for its start point.</summary>
    internal void Commit()
    {
        if (!TryCommit())
            throw new TransactionAbort(StartDepth, _doomCause);
    }

    /// <summary>Commits the running attempt; false if it is doomed instead (stale reads, or asked to abort).</summary>
    private bool TryCommit()
    {
        ThrowIfDoomed();
        if (IsSerial)
            Stats.SerialCommits++;
        else if (WriteCount > 0 && !TryCommitWrites())
            return false;
        if (IsInevitable)
        {
            IsInevitable = false;
            ExecutionModes.ReleaseInevitable(this);
        }
        Status = TxStatus.Idle;
        Stats.Commits++;
        if (!IsSerial)
            _site?.Committed(wrote: WriteCount > 0);
        _site = null;
        _logNextAttempt = false;
        ForgetLogs();
        AdaptAfterCommit();
        if (HasLockState)
            SettleLocksAfterCommit();
        if (_onCommit is { Count: > 0 } || _onAbort is { Count: > 0 })
        {
            _onAbort?.Clear();
            RunHandlersOutsideTransaction(ref _onCommit);
        }
        return true;
    }

    /// <summary>Undoes the doomed attempt's writes in reverse order, then releases its locks.</summary>
    private unsafe void Rollback()
    {
        for (int i = UndoCount - 1; i >= 0; i--)
        {
            ref UndoEntry entry = ref Undo[i];
            entry.Restore(ref entry);
        }
        for (int i = 0; i < WriteCount; i++)
            Volatile.Write(ref Writes[i].Word, Writes[i].OldWord);
        Status = TxStatus.Idle;
        ForgetLogs();
        ForgetObjectCalls();
        if (HasLockState)
            RestoreLocksAfterRollback();
        _onCommit?.Clear();
        _onAbort?.Reverse();
        RunHandlersOutsideTransaction(ref _onAbort);
    }

    /// <summary>Drops references held by the write and undo logs so they do not keep garbage alive.</summary>
    private void ForgetLogs()
    {
        for (int i = 0; i < WriteCount; i++)
            Writes[i].Holder = null!;
        for (int i = 0; i < UndoCount; i++)
        {
            Undo[i].Holder = null;
            Undo[i].OldReference = null;
        }
        WriteCount = 0;
        UndoCount = 0;
        ReadCount = 0;
        _openedObjects.Clear();
    }

    /// <summary>Marks the attempt doomed and unwinds to its start point.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void Doom(AbortCause cause)
    {
        MarkDoomed(cause);
        throw new TransactionAbort(StartDepth, _doomCause);
    }

    private void MarkDoomed(AbortCause cause)
    {
        if (IsSerial || IsInevitable)
            throw new InvalidOperationException("An inevitable transaction cannot abort.");
        if (Status == TxStatus.Active)
        {
            if (!LogReads || _hasUnloggedReads)
                _logNextAttempt = true;
            Status = TxStatus.Doomed;
            _doomCause = cause;
            Stats.AbortsByCause[(int)cause]++;
        }
    }

    // ---------------------------------------------------------------- user callbacks and statistics

    /// <summary>This thread's counters, the serial ownership it still holds included.</summary>
    internal TransactionStatistics StatisticsSnapshot()
    {
        var counters = new StatisticsCounters();
        Stats.AddTo(counters, ExecutionModes.OpenSerialTicks(this));
        return counters.Snapshot();
    }

    internal void HintCommitSoon()
    {
        if (RegionDepth == 0)
            Budget = 0;
    }

    private bool HasHandlers => _onCommit is { Count: > 0 } || _onAbort is { Count: > 0 };

    internal void AddHandler(bool onCommit, Action handler)
    {
        ref List<Action>? list = ref onCommit ? ref _onCommit : ref _onAbort;
        (list ??= []).Add(handler);
    }

    /// <summary>
    /// Runs commit or abort handlers between transactions: no transaction is running, and woven
    /// code they call runs in transactions of its own. The frame state is put back afterwards.
    /// </summary>
    private void RunHandlersOutsideTransaction(ref List<Action>? handlers)
    {
        if (handlers is not { Count: > 0 })
            return;
        Action[] toRun = [.. handlers];
        handlers.Clear();
        var (frame, start, startRegion, region, baseDepth) = (FrameDepth, StartDepth, StartRegionDepth, RegionDepth, _baseDepth);
        RegionDepth = 0;
        _baseDepth = -1;
        try
        {
            foreach (var handler in toRun)
                handler();
        }
        finally
        {
            (FrameDepth, StartDepth, StartRegionDepth, RegionDepth, _baseDepth) = (frame, start, startRegion, region, baseDepth);
        }
    }

    /// <summary>Frees the thread's slot when the thread is gone (the sentinel is reachable only from the thread's static).</summary>
    private sealed class ThreadExitSentinel
    {
        [ThreadStatic]
        private static ThreadExitSentinel? t_sentinel;

        private readonly TxDescriptor _descriptor;

        public ThreadExitSentinel(TxDescriptor descriptor)
        {
            _descriptor = descriptor;
            t_sentinel = this;
        }

        ~ThreadExitSentinel() => DescriptorRegistry.Release(_descriptor, _descriptor._sequence + 1);
    }
}

internal enum TxStatus : byte
{
    Idle,
    Active,
    Doomed,
}
