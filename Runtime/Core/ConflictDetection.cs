using System.Runtime.CompilerServices;
using Stm.Core;

namespace Stm.Abi;

// Conflict detection (TL2/LSA time base; encounter-time locking with write-through and an undo
// log, as TinySTM's WT mode):
// - a read is valid if its lock word is unlocked with a version <= the snapshot and unchanged
//   after the value was read (opacity: no attempt ever sees a state that never existed);
// - a newer version extends the snapshot if every earlier read is still valid, else aborts;
// - a write takes the lock word at encounter time (W/W conflicts found early), logs the old
//   value and writes in place; a read of another attempt's locked word is a conflict, since
//   the value behind it is not committed;
// - an update commit takes a clock tick and validates its reads unless nothing committed since
//   its snapshot, then releases its locks with the new version.
// Why write-through: reading one's own writes is a plain load (1.0 ns against >= 3.2 ns for a
// redo-log lookup, docs/benchmarks.md) and commit is one store per written object.
public sealed partial class TxDescriptor
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void LogRead(object holder, ref long word, long seen)
    {
        if (!LogReads)
            return;
        int n = ReadCount;
        ReadEntry[] reads = Reads;
        if ((uint)n < (uint)reads.Length)
        {
            ref ReadEntry entry = ref reads[n];
            entry.Holder = holder;
            entry.Offset = ObjectLayout.OffsetOf(holder, ref word);
            entry.Word = seen;
            ReadCount = n + 1;
        }
        else
        {
            LogReadAfterGrowing(holder, ref word, seen);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LogReadAfterGrowing(object holder, ref long word, long seen)
    {
        Array.Resize(ref Reads, Reads.Length * 2);
        LogRead(holder, ref word, seen);
    }

    /// <summary>Read of a location whose word is not plainly readable: owned, too new, locked or captured.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal T ReadSlow<T>(object holder, ref long word, ref T location)
    {
        while (true)
        {
            long seen = Volatile.Read(ref word);
            if ((seen | LockWord.CapturedBit) == OwnedWord)
                return location;
            if (IsHeldByLiveAttempt(ref word, ref seen))
            {
                ResolveConflict(ref word, seen, AbortCause.ReadWriteConflict);
                continue;
            }
            if (seen > SnapshotWord)
            {
                ExtendSnapshot();
                continue;
            }
            T value = location;
            Volatile.ReadBarrier();
            if (Volatile.Read(ref word) != seen)
                continue;
            LogRead(holder, ref word, seen);
            return value;
        }
    }

    /// <summary>
    /// True if <paramref name="seen"/> is locked or captured by an attempt still running. A
    /// captured word of an ended attempt is turned into "version 0" (its contents are committed);
    /// so is a locked word of an ended attempt, which can only be a copy (MemberwiseClone copies
    /// the header): an attempt releases every word it locked before it ends.
    /// </summary>
    private static bool IsHeldByLiveAttempt(ref long word, ref long seen)
    {
        while ((LockWord.IsCaptured(seen) || LockWord.IsLocked(seen)) && !IsLiveOwner(seen))
        {
            long normalized = Interlocked.CompareExchange(ref word, 0, seen);
            seen = normalized == seen ? 0 : normalized;
        }
        return LockWord.IsLocked(seen) || LockWord.IsCaptured(seen);
    }

    /// <summary>A locked or captured word whose attempt is still running.</summary>
    internal static bool IsLiveOwner(long word)
    {
        var owner = DescriptorRegistry.At(LockWord.SlotOf(word));
        return owner is not null && Volatile.Read(ref owner.AttemptId) == LockWord.OwnerOf(word) && owner.Status != TxStatus.Idle;
    }

    /// <summary>First write of this attempt to a word: take its lock (or meet a conflict).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void AcquireForWrite(object holder, ref long word)
    {
        long locked = OwnedWord ^ LockWord.CapturedBit;
        if (!LogReads)
            StartLoggingReads();
        while (true)
        {
            ThrowIfDoomed();
            CheckAbortRequest();
            long seen = Volatile.Read(ref word);
            if ((seen | LockWord.CapturedBit) == OwnedWord)
                return;
            if (IsHeldByLiveAttempt(ref word, ref seen))
            {
                ResolveConflict(ref word, seen, AbortCause.WriteWriteConflict);
                continue;
            }
            if (seen > SnapshotWord)
            {
                // Writing in place over a newer commit is fine only if the snapshot can move past it.
                ExtendSnapshot();
                continue;
            }
            if (Interlocked.CompareExchange(ref word, locked, seen) != seen)
                continue;
            if (WriteCount == Writes.Length)
                Array.Resize(ref Writes, Writes.Length * 2);
            ref WriteEntry entry = ref Writes[WriteCount++];
            entry.Holder = holder;
            entry.Offset = ObjectLayout.OffsetOf(holder, ref word);
            entry.OldWord = seen;
            return;
        }
    }

    /// <summary>
    /// A read-only attempt is about to write. Its reads so far were not logged; they are still
    /// valid if nothing committed since its snapshot, and then it can go on logging (its commit
    /// will have to find nothing committed in between either). Otherwise it restarts logging.
    /// </summary>
    private void StartLoggingReads()
    {
        _site?.Wrote();
        LogReads = true;
        _hasUnloggedReads = true;
        if (GlobalClock.Now != LockWord.VersionOf(SnapshotWord))
            Doom(AbortCause.ValidationFailed);
    }

    /// <summary>Remembers the value a location had before this attempt's write.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void LogUndo<T>(object? holder, nint location, in T oldValue)
    {
        // Writing the location the last entry saved (a counter bumped in a loop): that entry
        // already holds the value to restore.
        if (UndoCount > 0 && Undo[UndoCount - 1].Location == location && Undo[UndoCount - 1].Holder == holder)
            return;
        if (UndoCount == Undo.Length)
            Array.Resize(ref Undo, Undo.Length * 2);
        UndoCodec<T>.Save(ref Undo[UndoCount++], holder, location, oldValue);
    }

    /// <summary>Moves the snapshot to now if every read so far is still valid; dooms the attempt otherwise.</summary>
    private void ExtendSnapshot()
    {
        ThrowIfDoomed();
        if (IsInevitable)
        {
            // Nobody else commits updates while we are inevitable; a newer version can only be
            // an update that finished before we took the token.
            SnapshotWord = LockWord.FromVersion(GlobalClock.Now);
            return;
        }
        long now = GlobalClock.Now;
        if (!ReadsStillValid())
            Doom(AbortCause.ValidationFailed);
        SnapshotWord = LockWord.FromVersion(now);
    }

    /// <summary>
    /// Every read still sees the word it saw, or a lock this attempt took since. Reads that were
    /// not logged (read-only mode) are valid only while nothing has committed since the snapshot.
    /// </summary>
    private bool ReadsStillValid()
    {
        if ((!LogReads || _hasUnloggedReads) && GlobalClock.Now != LockWord.VersionOf(SnapshotWord))
            return false;
        long mine = OwnedWord ^ LockWord.CapturedBit;
        ReadEntry[] reads = Reads;
        for (int i = 0; i < ReadCount; i++)
        {
            long current = reads[i].Current;
            if (current != reads[i].Word && current != mine)
                return false;
        }
        return true;
    }

    /// <summary>Commits this attempt's writes; false (the attempt doomed, nothing thrown) if its reads are stale or it was asked to abort.</summary>
    private bool TryCommitWrites()
    {
        long version;
        if (IsInevitable)
        {
            version = GlobalClock.Tick();
        }
        else
        {
            while (true)
            {
                // Dekker with BecomeInevitable: we publish "committing" before the tick (a full
                // fence), it publishes the token before scanning; one of us sees the other.
                Volatile.Write(ref Committing, 1);
                version = GlobalClock.Tick();
                if (ExecutionModes.InevitableOwner is null)
                    break;
                Volatile.Write(ref Committing, 0);
                if (!WaitWhileAnotherIsInevitable())
                {
                    MarkDoomed(AbortCause.KilledByOther);
                    return false;
                }
            }
            if (version != LockWord.VersionOf(SnapshotWord) + 1 && !ReadsStillValid())
            {
                Volatile.Write(ref Committing, 0);
                MarkDoomed(AbortCause.ValidationFailed);
                return false;
            }
        }
        long released = LockWord.FromVersion(version);
        WriteEntry[] writes = Writes;
        for (int i = 0; i < WriteCount; i++)
            Volatile.Write(ref writes[i].Word, released);
        Volatile.Write(ref Committing, 0);
        return true;
    }

    /// <summary>Set while an update commit is between its clock tick and the release of its locks.</summary>
    internal int Committing;

    /// <summary>
    /// Before something that cannot be undone: held locks stop being elided (code outside the STM
    /// must find them held), then the transaction becomes inevitable.
    /// </summary>
    internal void BecomeIrrevocable()
    {
        if (Status == TxStatus.Idle || InTypeInitializer)
            return;
        ThrowIfDoomed();
        if (_heldCount > 0)
            MakeHeldLocksReal();
        BecomeInevitable();
    }

    internal void BecomeInevitable()
    {
        if (Status == TxStatus.Idle || IsSerial || IsInevitable)
            return;
        ThrowIfDoomed();
        while (!ExecutionModes.TryAcquireInevitable(this))
        {
            if (!WaitWhileAnotherIsInevitable())
                Doom(AbortCause.KilledByOther);
        }
        WaitForCommitsInFlight();
        long now = GlobalClock.Now;
        if (!ReadsStillValid())
        {
            ExecutionModes.ReleaseInevitable(this);
            _restartInevitable = true;
            Doom(AbortCause.InevitableRetry);
        }
        SnapshotWord = LockWord.FromVersion(now);
        IsInevitable = true;
        Stats.InevitableTransitions++;
    }

    /// <summary>
    /// At the start of an attempt that must not abort again: take the token before reading
    /// anything. False if the token's holder asked for a real lock this start just took.
    /// </summary>
    private bool AcquireInevitableAtStart()
    {
        while (!ExecutionModes.TryAcquireInevitable(this))
        {
            if (_acquiredCount > 0 && Volatile.Read(ref AbortRequestedFor) == AttemptId)
                return false;
            Backoff.Pause(ref Random, 8);
        }
        WaitForCommitsInFlight();
        IsInevitable = true;
        Stats.InevitableTransitions++;
        return true;
    }

    private static void WaitForCommitsInFlight()
    {
        int highWater = DescriptorRegistry.HighWater;
        for (int slot = 0; slot < highWater; slot++)
        {
            var other = DescriptorRegistry.At(slot);
            if (other is null)
                continue;
            var wait = new SpinWait();
            while (Volatile.Read(ref other.Committing) != 0)
                wait.SpinOnce(sleep1Threshold: -1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ThrowIfDoomed()
    {
        if (Status == TxStatus.Doomed)
            throw new TransactionAbort(StartDepth, _doomCause);
    }
}
