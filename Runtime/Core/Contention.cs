using System.Diagnostics;
using System.Runtime.CompilerServices;
using Stm.Core;

namespace Stm.Abi;

// Contention management. An attempt that meets another's lock waits a few microseconds (the
// owner may be about to commit), then gives way: it aborts itself and backs off for a random,
// exponentially growing time. After a few consecutive aborts it gets a priority ticket (older
// wins, Greedy): then it asks younger owners to abort instead of giving way. After more aborts
// its next attempt starts inevitable, which cannot fail, so every thread makes progress.
// Inevitable always wins.
public sealed partial class TxDescriptor
{
    private const int PriorityAfterAborts = 3;
    private const int InevitableAfterAborts = 12;
    private const int InitialBudget = 64;
    private const int MaxBudget = 4096;
    private const int SerialBudget = 1024;

    /// <summary>How long an attempt without priority waits for an owner before giving way: 5 µs.</summary>
    private static readonly long s_patienceTicks = Math.Max(1, Stopwatch.Frequency / 200_000);

    private static long s_priorityTickets;

    private int _budget = InitialBudget;
    private int _consecutiveAborts;
    private long _priorityTicket;
    private bool _restartInevitable;

    /// <summary>State of this thread's xorshift generator for back-off.</summary>
    internal uint Random;

    /// <summary>Attempt id another transaction asked to abort (it had priority, or is inevitable).</summary>
    internal long AbortRequestedFor;

    /// <summary>
    /// This attempt met <paramref name="seen"/> (locked or captured by another live attempt) at
    /// <paramref name="word"/>. Returns when the word changed; dooms this attempt if it gives way.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void ResolveConflict(ref long word, long seen, AbortCause cause)
    {
        long ownerAttempt = LockWord.OwnerOf(seen);
        var owner = DescriptorRegistry.At(LockWord.SlotOf(seen));
        bool ownerUnbeatable = owner is null || owner.IsInevitable || owner.IsSerial;
        bool winning = IsInevitable || (!ownerUnbeatable && HasPriorityOver(owner!));
        long giveUpAt = winning ? long.MaxValue : Stopwatch.GetTimestamp() + s_patienceTicks;
        // A captured (or copied) word does not change when its attempt ends: stop waiting then (the caller normalizes it).
        for (int round = 0; Volatile.Read(ref word) == seen && IsLiveOwner(seen); round++)
        {
            CheckAbortRequest();
            if (winning)
                owner!.RequestAbort(ownerAttempt);
            else if (Stopwatch.GetTimestamp() > giveUpAt && (owner is null || Volatile.Read(ref owner.Committing) == 0))
                Doom(cause);
            // Short pauses (a SpinWait unit is ~25 ns here): an owner's commit releases within ~50 ns.
            Backoff.Pause(ref Random, Math.Min(round, 3));
        }
    }

    private bool HasPriorityOver(TxDescriptor owner)
    {
        long theirs = Volatile.Read(ref owner._priorityTicket);
        return _priorityTicket != 0 && (theirs == 0 || _priorityTicket < theirs);
    }

    internal void RequestAbort(long attemptId)
    {
        if (Volatile.Read(ref AbortRequestedFor) == attemptId)
            return;
        Volatile.Write(ref AbortRequestedFor, attemptId);
        Budget = 0;
    }

    /// <summary>Honors another transaction's request to abort this attempt (inevitable attempts cannot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CheckAbortRequest()
    {
        if (Volatile.Read(ref AbortRequestedFor) == AttemptId && !IsInevitable && !IsSerial && Status == TxStatus.Active)
            Doom(AbortCause.KilledByOther);
    }

    /// <summary>Another transaction holds the inevitable token: wait for it. False if it asked us to abort meanwhile.</summary>
    private bool WaitWhileAnotherIsInevitable()
    {
        for (int round = 0; ExecutionModes.InevitableOwner is { } owner && owner != this; round++)
        {
            if (Volatile.Read(ref AbortRequestedFor) == AttemptId)
                return false;
            Backoff.Pause(ref Random, round);
        }
        return true;
    }

    private void BackOffAfterAbort()
    {
        _consecutiveAborts++;
        _budget = Math.Max(1, _budget / 2);
        if (_consecutiveAborts >= PriorityAfterAborts && _priorityTicket == 0)
            Volatile.Write(ref _priorityTicket, Interlocked.Increment(ref s_priorityTickets));
        if (_consecutiveAborts >= InevitableAfterAborts)
            _restartInevitable = true;
        Backoff.Pause(ref Random, _consecutiveAborts + 2);
    }

    private void AdaptAfterCommit()
    {
        _budget = Math.Min(MaxBudget, _budget + (_budget >> 2) + 1);
        _consecutiveAborts = 0;
        _restartInevitable = false;
        if (_priorityTicket != 0)
            Volatile.Write(ref _priorityTicket, 0);
    }
}

/// <summary>Randomized exponential back-off: spin first, then yield the core (2 cores are easily oversubscribed).</summary>
internal static class Backoff
{
    private const int MaxExponent = 10;
    private const int YieldFromRound = 8;

    public static void Pause(ref uint random, int round)
    {
        random ^= random << 13;
        random ^= random >> 17;
        random ^= random << 5;
        int limit = 1 << Math.Min(round, MaxExponent);
        Thread.SpinWait(1 + (int)(random % (uint)limit));
        if (round >= YieldFromRound)
            Thread.Yield();
    }
}
