using System.Runtime.CompilerServices;

namespace Stm.Core;

/// <summary>
/// Names a location inside a managed object as (object, byte offset), which stays valid when the
/// GC moves the object. Logs keep locations this way because a <c>ref</c> cannot live on the heap.
/// </summary>
internal static class ObjectLayout
{
    private sealed class RawObject
    {
        public byte FirstByte;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint OffsetOf<T>(object holder, ref T location) =>
        Unsafe.ByteOffset(ref Unsafe.As<RawObject>(holder).FirstByte, ref Unsafe.As<T, byte>(ref location));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T At<T>(object holder, nint offset) =>
        ref Unsafe.As<byte, T>(ref Unsafe.AddByteOffset(ref Unsafe.As<RawObject>(holder).FirstByte, offset));
}
