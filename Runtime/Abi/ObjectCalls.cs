using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Stm.Core;

namespace Stm.Abi;

// Object-level calls (docs/abi.md §7): a call into code that is not woven (a BCL collection,
// StringBuilder, Random, an enumerator, a LINQ operator) reads or writes its target as one STM
// location, guarded by the target's stripe word.
// - A write call takes the word for the rest of the attempt, waits until no other thread is inside
//   a read call of the target, and saves the target's state (ObjectSnapshot) the first time; a
//   rollback restores it. The mutation then runs in place.
// - A read call must never run over a half-mutated object, and a validated version cannot promise
//   that (the writer may start as the reader runs). So readers are visible: each thread announces
//   the targets of the read calls it is inside (a store and a fence, on its own cache line), and a
//   writer waits for the announcements of its target to go after it took the word. Either the
//   reader sees the writer's lock, or the writer sees the reader's announcement (both fence).
// - No commit point commits while a thread is inside an object-level call (callbacks into woven
//   code, such as comparers, run in the caller's transaction, and lock regions in them join it), so
//   the call is atomic. Only a blocking or foreign call in a callback splits it: a transaction
//   break, as anywhere else. The thread's announcements are down while it is outside a transaction
//   (a writer must not wait for a blocked thread), and the call goes on in an inevitable
//   transaction (the calling frame cannot restart inside code that is not woven) that announces
//   its reads and takes its write targets again.
/// <summary>What an object-level call does to a target known only at run time.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum ObjectAccess
{
    /// <summary>Reads it (a lookup, Count, a LINQ operator over it).</summary>
    Read,

    /// <summary>Mutates it (Add through ICollection).</summary>
    Write,

    /// <summary>Advances or ends an enumerator (MoveNext, Reset, Dispose): its own state changes (saved for undo), its collection is read.</summary>
    Step,

    /// <summary>Reads an enumerator's own state (Current): nothing shared, nothing changed.</summary>
    State,
}

public sealed partial class TxDescriptor
{
    /// <summary>Targets of the object-level calls this thread is inside (null for write calls); writers read them.</summary>
    internal object?[] ObjectCallTargets = new object?[8];

    /// <summary>How many of <see cref="ObjectCallTargets"/> are in use; written with a fence, read by writers.</summary>
    internal int ObjectCallCount;

    /// <summary>Each object-level call this thread is inside: its target, whether it writes it, and the frame that made it.</summary>
    private (object? Target, bool Writes, int Frame)[] _objectCalls = new (object?, bool, int)[8];

    /// <summary>
    /// The calls below this index belong to frames suspended by a transaction break (a blocking or
    /// foreign call made inside them): the running transaction is not inside them.
    /// </summary>
    private int _objectCallBase;

    /// <summary>Objects this attempt opened for write (their readers were waited for), and whether their whole state is saved.</summary>
    private readonly List<(object Target, bool Saved)> _openedObjects = [];

    /// <summary>How long a writer waits for a reader to leave its call before giving up (aborting) when it can.</summary>
    private static readonly long s_readerPatienceTicks = Stopwatch.Frequency / 1000;

    /// <summary>
    /// Before a call that reads <paramref name="target"/> as a whole: announces the read, then
    /// checks the target's word like a read barrier (conflict, or a version the snapshot must
    /// extend to). Static, so woven code calls it with the target already on its stack.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void BeginObjectRead(object? target, TxDescriptor tx)
    {
        tx.PushObjectCall(target, writes: false);
        if (target is null || !tx.NeedsObjectGuard())
            return;
        tx.Stats.ObjectReads++;
        AbortInjection.Tick(tx);
        tx.ReadWord(ref StripeTable.WordFor(target, ObjectKey), announcedAt: tx.ObjectCallCount - 1);
    }

    /// <summary>
    /// A read barrier without a value: the word is this attempt's own, or readable and logged.
    /// A reader whose target is announced at <paramref name="announcedAt"/> (-1: none) withdraws
    /// the announcement while it waits (the writer may be waiting for it) and makes it again
    /// before it looks again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadWord(ref long word, int announcedAt)
    {
        while (true)
        {
            long seen = Volatile.Read(ref word);
            if ((seen | LockWord.CapturedBit) == OwnedWord)
                return;
            if ((seen & LockWord.LockedBit) == 0 && seen <= SnapshotWord)
            {
                LogRead(StripeTable.Words, ref word, seen);
                return;
            }
            WaitForWord(ref word, seen, announcedAt);
        }
    }

    /// <summary>Before a call that mutates <paramref name="target"/>: takes its word, waits for its readers, saves its state.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void BeginObjectWrite(object? target, TxDescriptor tx)
    {
        if (tx.BeginObjectWriteWithInverse(target))
            tx.SaveObjectState(target!);
    }

    /// <summary>
    /// Before a mutation whose inverse the caller logs (ObjectInverses): as
    /// <see cref="BeginObjectWrite"/>, but true when the caller must log the inverse (the
    /// attempt can abort and the target's whole state is not saved already).
    /// </summary>
    internal bool BeginObjectWriteWithInverse(object? target)
    {
        PushObjectCall(target, writes: true);
        if (target is null || !NeedsObjectGuard())
            return false;
        Stats.ObjectWrites++;
        AbortInjection.Tick(this);
        ref long word = ref StripeTable.WordFor(target, ObjectKey);
        int opened = IndexOfOpened(target);
        if (opened < 0 || (Volatile.Read(ref word) | LockWord.CapturedBit) != OwnedWord)
            opened = OpenObjectForWrite(target, ref word);
        return !IsInevitable && !_openedObjects[opened].Saved;
    }

    /// <summary>Saves the whole state of an object this attempt opened for write, once.</summary>
    internal void SaveObjectState(object target)
    {
        int opened = IndexOfOpened(target);
        if (_openedObjects[opened].Saved)
            return;
        _openedObjects[opened] = (target, true);
        Stats.ObjectSnapshots++;
        ObjectSnapshot.Take(target).SaveIn(ref NextUndoEntry(), target);
    }

    /// <summary>Logs an inverse operation that undoes one mutation of a framework object (run by the rollback, in reverse order).</summary>
    internal void LogInverse(ObjectInverse inverse) => inverse.SaveIn(ref NextUndoEntry());

    private ref UndoEntry NextUndoEntry()
    {
        if (UndoCount == Undo.Length)
            Array.Resize(ref Undo, Undo.Length * 2);
        return ref Undo[UndoCount++];
    }

    /// <summary>
    /// Before an object-level call whose target is known only at run time (an interface call, a
    /// collection argument, a LINQ source): guards what the target's run-time type calls for
    /// (docs/abi.md §7). A target that is neither woven nor a known framework object makes the
    /// transaction inevitable, counted at <paramref name="callSite"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void BeginObjectCallOf(object? target, TxDescriptor tx, ObjectAccess access, string callSite)
    {
        if (target is null)
            return;
        switch (ObjectKinds.KindOf(target))
        {
            case ObjectKind.Guarded when access is ObjectAccess.Read:
                BeginObjectRead(ObjectKinds.TargetOf(target), tx);
                return;
            case ObjectKind.Guarded when access is ObjectAccess.Write:
                BeginObjectWrite(ObjectKinds.TargetOf(target), tx);
                return;
            case ObjectKind.Guarded when access is ObjectAccess.Step:
                // The enumerator is an object of its own, which a restart must find where it was.
                if (!ReferenceEquals(ObjectKinds.TargetOf(target), target))
                    BeginObjectWrite(target, tx);
                BeginObjectRead(ObjectKinds.TargetOf(target), tx);
                return;
            case ObjectKind.Query when access is ObjectAccess.Read or ObjectAccess.Step:
                if (access is ObjectAccess.Step)
                    BeginObjectWrite(target, tx);
                foreach (object source in ObjectKinds.SourcesOf(target))
                    BeginObjectCallOf(source, tx, ObjectAccess.Read, callSite);
                return;
            case ObjectKind.Array when access is ObjectAccess.Read:
                tx.ReadWholeArray((Array)target);
                return;
            case ObjectKind.Unguarded:
            case ObjectKind.Guarded or ObjectKind.Query when access is ObjectAccess.State:
                return;
            default:
                tx.BecomeIrrevocableAt(tx.FrameDepth, callSite);
                return;
        }
    }

    /// <summary>Where the next object-level call's entries begin: woven code passes it to <see cref="EndObjectCalls"/>.</summary>
    public int ObjectCallMark
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ObjectCallCount;
    }

    /// <summary>After an object-level call returned (an exception out of it is settled by the catch or the restart that follows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndObjectCalls(int mark)
    {
        while (ObjectCallCount > mark)
            PopObjectCall();
        AbortInjection.Tick(this);
    }

    /// <summary>A framework call reads an array the woven code tracks by stripes: each stripe is read like an element.</summary>
    private void ReadWholeArray(Array array)
    {
        if (!NeedsObjectGuard())
            return;
        long length = array.LongLength;
        for (long index = 0; index == 0 || index < length; index += StripeTable.ElementsPerStripe)
            ReadWord(ref StripeTable.WordFor(array, (int)index), announcedAt: -1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PopObjectCall()
    {
        int top = ObjectCallCount - 1;
        if (top < 0)
            return;
        ObjectCallTargets[top] = null;
        _objectCalls[top] = default;
        Volatile.Write(ref ObjectCallCount, top);
    }

    /// <summary>Serial mode needs no guard (no other thread runs woven code), nor does a thread between transactions; a doomed attempt stops here.</summary>
    private bool NeedsObjectGuard()
    {
        if (Status == TxStatus.Doomed)
            ThrowIfDoomed();
        return Status == TxStatus.Active && !IsSerial;
    }

    /// <summary>The stripe key of an object's word: element keys of arrays start at 0, and targets are never arrays.</summary>
    private const int ObjectKey = 0;

    private void PushObjectCall(object? target, bool writes)
    {
        int count = ObjectCallCount;
        if (count == ObjectCallTargets.Length)
        {
            // Writers read the array after the count: the new one must already hold every entry.
            var grown = new object?[count * 2];
            Array.Copy(ObjectCallTargets, grown, count);
            Volatile.Write(ref ObjectCallTargets, grown);
            Array.Resize(ref _objectCalls, count * 2);
        }
        ObjectCallTargets[count] = writes ? null : target;
        _objectCalls[count] = (target, writes, FrameDepth);
        // The fence orders the announcement before the reader's check of the target's word.
        Interlocked.Exchange(ref ObjectCallCount, count + 1);
    }

    /// <summary>A reader met a word it cannot read now: a conflict to resolve, or a version the snapshot must extend to.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForWord(ref long word, long seen, int announcedAt)
    {
        object? target = announcedAt >= 0 ? ObjectCallTargets[announcedAt] : null;
        if (target is not null)
            Volatile.Write(ref ObjectCallTargets[announcedAt], null);
        if (IsHeldByLiveAttempt(ref word, ref seen))
            ResolveConflict(ref word, seen, AbortCause.ReadWriteConflict);
        else if ((seen & LockWord.LockedBit) == 0 && seen > SnapshotWord)
            ExtendSnapshot();
        if (target is not null)
            Interlocked.Exchange(ref ObjectCallTargets[announcedAt], target);
    }

    /// <summary>
    /// The running transaction's object-level calls stop being announced (it is about to wait for
    /// the inevitable token, or to leave transactional execution): a writer must not wait for it.
    /// </summary>
    private void WithdrawObjectCalls()
    {
        for (int i = _objectCallBase; i < ObjectCallCount; i++)
            Volatile.Write(ref ObjectCallTargets[i], null);
    }

    /// <summary>
    /// A transaction began inside object-level calls (inevitable, or serial): each read call's
    /// target is announced and read again, each write call's target taken again, as their calls
    /// go on in this transaction. An inevitable attempt waits out any conflict here.
    /// </summary>
    private void ReestablishObjectCalls()
    {
        for (int i = _objectCallBase; i < ObjectCallCount; i++)
        {
            var (target, writes, _) = _objectCalls[i];
            if (target is null)
                continue;
            if (!writes)
                Interlocked.Exchange(ref ObjectCallTargets[i], target);
            if (!NeedsObjectGuard())
                continue;
            ref long word = ref StripeTable.WordFor(target, ObjectKey);
            if (!writes)
                ReadWord(ref word, announcedAt: i);
            else if (IndexOfOpened(target) < 0 || (Volatile.Read(ref word) | LockWord.CapturedBit) != OwnedWord)
                OpenObjectForWrite(target, ref word);
        }
    }

    private int IndexOfOpened(object target)
    {
        for (int i = 0; i < _openedObjects.Count; i++)
        {
            if (ReferenceEquals(_openedObjects[i].Target, target))
                return i;
        }
        return -1;
    }

    /// <summary>Takes the target's word (unless held already, for a stripe neighbour) and waits for its readers, once per attempt.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int OpenObjectForWrite(object target, ref long word)
    {
        if ((Volatile.Read(ref word) | LockWord.CapturedBit) != OwnedWord)
            AcquireForWrite(StripeTable.Words, ref word);
        int opened = IndexOfOpened(target);
        if (opened >= 0)
            return opened;
        WaitForReadersOf(target);
        _openedObjects.Add((target, false));
        return _openedObjects.Count - 1;
    }

    /// <summary>Waits until no other thread is inside a read call of <paramref name="target"/> (this attempt holds its word, so no new one starts).</summary>
    private void WaitForReadersOf(object target)
    {
        long giveUpAt = Stopwatch.GetTimestamp() + s_readerPatienceTicks;
        int round = 0;
        for (int slot = 0; slot < DescriptorRegistry.HighWater; slot++)
        {
            var other = DescriptorRegistry.At(slot);
            if (other is null || other == this)
                continue;
            while (other.IsInsideReadOf(target))
            {
                // A reader can wait for this attempt from inside its call (a callback meeting one of
                // our words): then one of the two must give up, and it is the one that can.
                if (CanAbort && Stopwatch.GetTimestamp() > giveUpAt)
                    Doom(AbortCause.ReadWriteConflict);
                CheckAbortRequest();
                Backoff.Pause(ref Random, Math.Min(round++, 3));
            }
        }
    }

    private bool IsInsideReadOf(object target)
    {
        int count = Volatile.Read(ref ObjectCallCount);
        object?[] targets = Volatile.Read(ref ObjectCallTargets);
        for (int i = 0; i < count && i < targets.Length; i++)
        {
            if (ReferenceEquals(Volatile.Read(ref targets[i]), target))
                return true;
        }
        return false;
    }

    /// <summary>An exception came out of the object-level calls of the frame at <paramref name="depth"/> (and deeper): those calls are over.</summary>
    private void EndObjectCallsFrom(int depth)
    {
        while (ObjectCallCount > 0 && _objectCalls[ObjectCallCount - 1].Frame >= depth)
            PopObjectCall();
    }

    /// <summary>
    /// The attempt rolled back: its abort unwound every object-level call it was inside (it began
    /// outside them: an attempt that begins inside one is inevitable), not those of frames
    /// suspended below it.
    /// </summary>
    private void ForgetObjectCalls()
    {
        while (ObjectCallCount > _objectCallBase)
            PopObjectCall();
    }

    /// <summary>Whether the running transaction is inside an object-level call (of a frame not suspended by a transaction break).</summary>
    private bool InsideObjectCall => ObjectCallCount > _objectCallBase;

    /// <summary>A transaction break inside object-level calls: they are suspended (not announced) until <see cref="ResumeObjectCalls"/>.</summary>
    private int SuspendObjectCalls()
    {
        int previousBase = _objectCallBase;
        WithdrawObjectCalls();
        _objectCallBase = ObjectCallCount;
        return previousBase;
    }

    /// <summary>After the break: the suspended calls belong to the running context again (the next <see cref="Begin"/> re-establishes them).</summary>
    private void ResumeObjectCalls(int previousBase) => _objectCallBase = Math.Min(previousBase, ObjectCallCount);
}
