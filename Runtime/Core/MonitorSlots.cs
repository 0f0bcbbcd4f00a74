using System.Runtime.CompilerServices;
using Stm.Abi;

namespace Stm.Core;

/// <summary>
/// The lock word of a monitor, for lock elision (docs/abi.md §5): any object used with
/// <see cref="Monitor"/> or a <see cref="Lock"/> maps, by identity hash, to one slot. An elided
/// acquisition reads <see cref="RealHolders"/> as an STM location (it must be 0, and its word is
/// validated at commit); a real acquisition increments it and moves the word to a new version,
/// which aborts every elided holder that read the old one. Two monitors may share a slot: then a
/// real holder of one only makes the other fall back to real locking too.
/// </summary>
internal sealed class MonitorSlot
{
    /// <summary>Lock word; always committed (never write-locked): only versions change.</summary>
    public long Header;

    /// <summary>Threads that really hold a monitor of this slot (or are acquiring one).</summary>
    public int RealHolders;

    /// <summary>The last thread that acquired for real: whom an inevitable waiter asks to let go.</summary>
    public TxDescriptor? LastRealHolder;

    /// <summary>A real acquisition begins: counted first, then the version moves, so a reader either sees the count or fails validation.</summary>
    public void AddRealHolder(TxDescriptor holder)
    {
        Interlocked.Increment(ref RealHolders);
        LastRealHolder = holder;
        long version = LockWord.FromVersion(GlobalClock.Tick());
        long seen = Volatile.Read(ref Header);
        while (seen < version)
        {
            long witnessed = Interlocked.CompareExchange(ref Header, version, seen);
            if (witnessed == seen)
                return;
            seen = witnessed;
        }
    }

    /// <summary>
    /// A real holder let go. No new version: readers that saw the count non-zero fell back to real
    /// locking already, and the data the holder wrote carries versions of its own.
    /// </summary>
    public void RemoveRealHolder() => Interlocked.Decrement(ref RealHolders);
}

internal static class MonitorSlots
{
    private const int SizeLog2 = 12;

    private static readonly MonitorSlot[] s_slots = Create();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MonitorSlot For(object target) =>
        s_slots[(int)((uint)(RuntimeHelpers.GetHashCode(target) * -1640531535) >> (32 - SizeLog2))];

    private static MonitorSlot[] Create()
    {
        var slots = new MonitorSlot[1 << SizeLog2];
        for (int i = 0; i < slots.Length; i++)
            slots[i] = new MonitorSlot();
        return slots;
    }
}

/// <summary>Which API a lock object is used through: the two have separate real locks.</summary>
internal enum LockKind : byte
{
    Monitor,
    Lock,
}

/// <summary>The real (not elided) lock operations, for either kind.</summary>
internal static class RealLocks
{
    public static bool TryEnter(object target, LockKind kind, int millisecondsTimeout) =>
        kind == LockKind.Monitor ? Monitor.TryEnter(target, millisecondsTimeout) : ((Lock)target).TryEnter(millisecondsTimeout);

    public static void Exit(object target, LockKind kind)
    {
        if (kind == LockKind.Monitor)
            Monitor.Exit(target);
        else
            ((Lock)target).Exit();
    }

    public static bool IsHeld(object target, LockKind kind) =>
        kind == LockKind.Monitor ? Monitor.IsEntered(target) : ((Lock)target).IsHeldByCurrentThread;

    /// <summary>Throws what the real Exit throws for a lock the thread does not hold.</summary>
    public static void ThrowNotHeld(LockKind kind)
    {
        if (kind == LockKind.Monitor)
            Monitor.Exit(new object());
        else
            new Lock().Exit();
    }
}
