using System.Runtime.InteropServices;

namespace Stm.Core;

/// <summary>
/// The global version clock of the time-based algorithm (TL2/LSA). Update commits take the next
/// tick as their version; transactions read it once at start as their snapshot.
/// </summary>
internal static class GlobalClock
{
    // Alone on its cache line: every update commit increments it, every start reads it.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedCounter
    {
        [FieldOffset(64)] public long Value;
    }

    private static PaddedCounter s_clock;

    public static long Now => Volatile.Read(ref s_clock.Value);

    /// <summary>Advances the clock; a full fence.</summary>
    public static long Tick() => Interlocked.Increment(ref s_clock.Value);
}
