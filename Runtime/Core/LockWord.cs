namespace Stm.Core;

/// <summary>
/// The 64-bit word that guards one STM location: a woven object's header or a stripe of the
/// stripe table. The low two bits are a tag:
/// <list type="bullet">
/// <item><c>00</c>: committed; the rest is the version (the clock value of the commit that last wrote it).</item>
/// <item><c>01</c>: write-locked; the rest is the id of the owning transaction attempt.</item>
/// <item><c>11</c>: captured; allocated by the attempt whose id is the rest. Once that attempt has
/// ended the word means "committed, version 0".</item>
/// </list>
/// Attempt ids are unique per attempt (never reused), so an owner test is one compare:
/// <c>(word | CapturedBit) == attempt's captured word</c> holds exactly for "locked by me" and
/// "allocated by me".
/// </summary>
internal static class LockWord
{
    public const long LockedBit = 1;
    public const long CapturedBit = 2;
    public const long TagMask = 3;

    public const int SlotBits = 16;
    public const int SlotMask = (1 << SlotBits) - 1;

    public static long FromVersion(long version) => version << 2;

    public static long VersionOf(long unlockedWord) => unlockedWord >> 2;

    public static long AttemptId(long sequence, int slot) => (sequence << SlotBits) | (uint)slot;

    public static long Locked(long attemptId) => (attemptId << 2) | LockedBit;

    public static long Captured(long attemptId) => (attemptId << 2) | LockedBit | CapturedBit;

    public static bool IsLocked(long word) => (word & TagMask) == LockedBit;

    public static bool IsCaptured(long word) => (word & TagMask) == TagMask;

    /// <summary>Attempt id of a locked or captured word.</summary>
    public static long OwnerOf(long word) => word >> 2;

    public static int SlotOf(long word) => (int)((word >> 2) & SlotMask);
}
