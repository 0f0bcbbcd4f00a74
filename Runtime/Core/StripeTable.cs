using System.Runtime.CompilerServices;

namespace Stm.Core;

/// <summary>
/// Lock words for locations that have no header of their own: array elements, static fields and
/// fields of objects whose class is not woven. An array is striped by identity hash and by index
/// range, so threads writing different parts of one big array do not conflict.
/// </summary>
internal static class StripeTable
{
    private const int SizeLog2 = 16;
    private const int Mask = (1 << SizeLog2) - 1;

    /// <summary>Elements per stripe of one array: 64 neighbours share a lock word.</summary>
    private const int IndexShift = 6;

    public const int ElementsPerStripe = 1 << IndexShift;

    /// <summary>Long-lived (it ends in gen 2), so storing it in a log entry is a cheap GC write.</summary>
    public static readonly long[] Words = new long[1 << SizeLog2];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref long WordFor(object holder, int key) =>
        ref Words[(int)((uint)(RuntimeHelpers.GetHashCode(holder) * -1640531535 + (key >> IndexShift)) & Mask)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref long WordForStatic(int fieldKey) => ref Words[(int)((uint)(fieldKey * -1640531535) & Mask)];
}
