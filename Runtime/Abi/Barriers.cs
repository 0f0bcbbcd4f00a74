using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stm.Core;

namespace Stm.Abi;

/// <summary>
/// The read and write barriers woven code calls for every shared-memory access (docs/abi.md).
/// Fast paths are small enough to inline: in serial mode one flag test; in STM mode a lock-word
/// check, the access, a re-check and a log append.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe partial class Barriers
{
    /// <summary>The header value of an object allocated now: captured by the running attempt, so it needs no barrier work.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long NewHeader() => TxDescriptor.CurrentOrNull is { } tx ? tx.OwnedWord : 0;

    // ------------------------------------------------------------ fields of woven classes

    /// <summary>Reads <paramref name="field"/> of <paramref name="owner"/>, a woven object whose header is <paramref name="header"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadField<T>(TxDescriptor tx, object owner, ref long header, ref T field)
    {
        AbortInjection.Tick(tx);
        if (tx.IsSerial)
            return field;
        long seen = Volatile.Read(ref header);
        if ((seen | LockWord.CapturedBit) == tx.OwnedWord)
            return field;
        if ((seen & LockWord.LockedBit) == 0 && seen <= tx.SnapshotWord)
        {
            T value = field;
            Volatile.ReadBarrier();
            if (Volatile.Read(ref header) == seen)
            {
                tx.LogRead(owner, ref header, seen);
                return value;
            }
        }
        return tx.ReadSlow(owner, ref header, ref field);
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="field"/> of the woven object <paramref name="owner"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteField<T>(TxDescriptor tx, object owner, ref long header, ref T field, T value)
    {
        AbortInjection.Tick(tx);
        if (!tx.IsSerial)
            PrepareWrite(tx, owner, ref header, owner, ObjectLayout.OffsetOf(owner, ref field), in field);
        field = value;
    }

    // ------------------------------------------------------------ array elements

    /// <summary>Reads <c>array[index]</c> (same exceptions as <c>ldelem</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadElement<T>(TxDescriptor tx, T[] array, int index)
    {
        AbortInjection.Tick(tx);
        if (tx.IsSerial)
            return array[index];
        return ReadStriped(tx, array, index, ref ElementAt(array, index));
    }

    /// <summary>Writes <c>array[index] = value</c> (same exceptions as <c>stelem</c>, covariance check included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteElement<T>(TxDescriptor tx, T[] array, int index, T value)
    {
        AbortInjection.Tick(tx);
        if (!tx.IsSerial)
            PrepareStripedWrite(tx, array, index, ref ElementAt(array, index));
        array[index] = value;
    }

    // ------------------------------------------------------------ any location inside an object without a header

    /// <summary>
    /// Reads <paramref name="location"/> inside <paramref name="holder"/>, an object with no header
    /// (a multi-dimensional array, an object of a class that is not woven). <paramref name="stripeKey"/>
    /// spreads one big holder over several lock words (an element index; 0 for fields).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadLocation<T>(TxDescriptor tx, object holder, int stripeKey, ref T location)
    {
        AbortInjection.Tick(tx);
        return tx.IsSerial ? location : ReadStriped(tx, holder, stripeKey, ref location);
    }

    /// <summary>Writes <paramref name="location"/> inside <paramref name="holder"/>, an object with no header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteLocation<T>(TxDescriptor tx, object holder, int stripeKey, ref T location, T value)
    {
        AbortInjection.Tick(tx);
        if (!tx.IsSerial)
            PrepareStripedWrite(tx, holder, stripeKey, ref location);
        location = value;
    }

    // ------------------------------------------------------------ static fields

    /// <summary>Reads a static field; <paramref name="fieldKey"/> is a stable id of the field (its stripe).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadStatic<T>(TxDescriptor tx, ref T field, int fieldKey)
    {
        AbortInjection.Tick(tx);
        return tx.IsSerial ? field : ReadStaticStriped(tx, fieldKey, ref field);
    }

    /// <summary>
    /// Writes a static field. <paramref name="locate"/> returns a reference to the field; the undo
    /// log keeps it, because a static's address is not a (holder, offset) pair.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteStatic<T>(TxDescriptor tx, ref T field, int fieldKey, delegate*<ref T> locate, T value)
    {
        AbortInjection.Tick(tx);
        if (!tx.IsSerial)
            PrepareStaticWrite(tx, fieldKey, locate, ref field);
        field = value;
    }

    // ------------------------------------------------------------ shared paths

    // Striped locations (arrays, statics, objects without a header) take their STM path out of
    // line: it hashes to a stripe anyway, and inlined it would crowd the registers of the loops
    // that run in serial mode, where only the flag test above executes.

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ReadStriped<T>(TxDescriptor tx, object holder, int stripeKey, ref T location) =>
        ReadStripedWord(tx, ref StripeTable.WordFor(holder, stripeKey), ref location);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ReadStaticStriped<T>(TxDescriptor tx, int fieldKey, ref T field) =>
        ReadStripedWord(tx, ref StripeTable.WordForStatic(fieldKey), ref field);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PrepareStripedWrite<T>(TxDescriptor tx, object holder, int stripeKey, ref T location) =>
        PrepareWrite(tx, StripeTable.Words, ref StripeTable.WordFor(holder, stripeKey), holder, ObjectLayout.OffsetOf(holder, ref location), in location);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PrepareStaticWrite<T>(TxDescriptor tx, int fieldKey, delegate*<ref T> locate, ref T field) =>
        PrepareWrite(tx, StripeTable.Words, ref StripeTable.WordForStatic(fieldKey), null, (nint)locate, in field);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ReadStripedWord<T>(TxDescriptor tx, ref long word, ref T location)
    {
        long seen = Volatile.Read(ref word);
        if ((seen | LockWord.CapturedBit) == tx.OwnedWord)
            return location;
        if ((seen & LockWord.LockedBit) == 0 && seen <= tx.SnapshotWord)
        {
            T value = location;
            Volatile.ReadBarrier();
            if (Volatile.Read(ref word) == seen)
            {
                tx.LogRead(StripeTable.Words, ref word, seen);
                return value;
            }
        }
        return tx.ReadSlow(StripeTable.Words, ref word, ref location);
    }

    /// <summary>Takes the lock word if this attempt does not own it yet, and logs the old value unless the holder was allocated by this attempt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrepareWrite<T>(TxDescriptor tx, object wordHolder, ref long word, object? holder, nint location, in T oldValue)
    {
        long seen = Volatile.Read(ref word);
        if (seen == tx.OwnedWord)
            return;
        if (seen != (tx.OwnedWord ^ LockWord.CapturedBit))
            tx.AcquireForWrite(wordHolder, ref word);
        tx.LogUndo(holder, location, in oldValue);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T ElementAt<T>(T[] array, int index)
    {
        if ((uint)index >= (uint)array.Length)
            ThrowIndexOutOfRange();
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIndexOutOfRange() => throw new IndexOutOfRangeException();
}
