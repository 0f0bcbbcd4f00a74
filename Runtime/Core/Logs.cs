using System.Runtime.CompilerServices;

namespace Stm.Core;

// Log entries are structs in arrays: storing a reference into an object[] costs a covariance
// check on top of the GC write barrier (measured 4.5 ns vs 1-3 ns a read, microbench-floors.txt).

/// <summary>A read of a lock word: which word (holder + offset) and the value seen.</summary>
internal struct ReadEntry
{
    public object Holder;
    public nint Offset;
    public long Word;

    public readonly long Current => Volatile.Read(ref ObjectLayout.At<long>(Holder, Offset));
}

/// <summary>A lock word this attempt write-locked, and the committed word it replaced.</summary>
internal struct WriteEntry
{
    public object Holder;
    public nint Offset;
    public long OldWord;

    public readonly ref long Word => ref ObjectLayout.At<long>(Holder, Offset);
}

/// <summary>
/// The old value of one location written in place. <see cref="Holder"/> null means a static field,
/// and <see cref="Location"/> is then a <c>delegate*&lt;ref T&gt;</c> that finds it.
/// </summary>
internal unsafe struct UndoEntry
{
    public object? Holder;
    public nint Location;
    public long OldBits;
    public object? OldReference;
    public delegate*<ref UndoEntry, void> Restore;
}

/// <summary>
/// Saves and restores a value of type <typeparamref name="T"/> in an <see cref="UndoEntry"/>:
/// unmanaged values up to 8 bytes as raw bits, references as they are, other structs boxed.
/// The branches fold away per instantiation.
/// </summary>
internal static unsafe class UndoCodec<T>
{
    private static bool FitsInBits =>
        !RuntimeHelpers.IsReferenceOrContainsReferences<T>() && Unsafe.SizeOf<T>() <= sizeof(long);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Save(ref UndoEntry entry, object? holder, nint location, in T oldValue)
    {
        entry.Holder = holder;
        entry.Location = location;
        if (FitsInBits)
        {
            entry.OldBits = 0;
            Unsafe.WriteUnaligned(ref Unsafe.As<long, byte>(ref entry.OldBits), oldValue);
        }
        else
        {
            entry.OldReference = oldValue;
        }
        entry.Restore = &Restore;
    }

    private static void Restore(ref UndoEntry entry)
    {
        if (entry.Holder is null)
            Assign(ref ((delegate*<ref T>)entry.Location)(), ref entry);
        else
            Assign(ref ObjectLayout.At<T>(entry.Holder, entry.Location), ref entry);
    }

    private static void Assign(ref T target, ref UndoEntry entry)
    {
        if (FitsInBits)
            target = Unsafe.ReadUnaligned<T>(ref Unsafe.As<long, byte>(ref entry.OldBits));
        else if (typeof(T).IsValueType)
            target = (T)entry.OldReference!;
        else
            target = Unsafe.As<object?, T>(ref entry.OldReference);
    }
}
