using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stm.Core;

namespace Stm.Abi;

// Barriers in the argument order the IL stack has at an array access (array, indices, value,
// then the descriptor the woven method pushes last), so the weaver replaces one instruction
// with one call; and "open for write" barriers that hand out the address of a location
// (ldflda, ldelema, ldsflda: ref locals, ref arguments, Interlocked and Volatile calls, calls on
// struct fields) after taking its lock and saving its old value.
public static unsafe partial class Barriers
{
    /// <summary>The woven form of <c>ldflda</c>: the field, locked and saved, ready to be written through.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T OpenField<T>(TxDescriptor tx, object owner, ref long header, ref T field)
    {
        AbortInjection.Tick(tx);
        if (!tx.IsSerial)
            PrepareWrite(tx, owner, ref header, owner, ObjectLayout.OffsetOf(owner, ref field), in field);
        return ref field;
    }

    /// <summary>The woven form of <c>ldsflda</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T OpenStatic<T>(TxDescriptor tx, ref T field, int fieldKey, delegate*<ref T> locate)
    {
        AbortInjection.Tick(tx);
        if (!tx.IsSerial)
            PrepareStaticWrite(tx, fieldKey, locate, ref field);
        return ref field;
    }

    /// <summary>
    /// The woven form of <c>stsfld</c> of a [ThreadStatic] field: no other thread sees it (no lock
    /// word), but a restart must find it as it was, so an attempt that may roll back logs its old
    /// value (a doomed one too: an iterator's finally run by the abort's unwinding writes it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteThreadStatic<T>(TxDescriptor tx, T value, delegate*<ref T> locate)
    {
        AbortInjection.Tick(tx);
        ref T field = ref locate();
        if (tx.MayRollBack)
            tx.LogUndo(null, (nint)locate, in field);
        field = value;
    }

    /// <summary>The woven form of <c>ldsflda</c> of a [ThreadStatic] field: its old value logged, as for <see cref="WriteThreadStatic"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T OpenThreadStatic<T>(TxDescriptor tx, delegate*<ref T> locate)
    {
        AbortInjection.Tick(tx);
        ref T field = ref locate();
        if (tx.MayRollBack)
            tx.LogUndo(null, (nint)locate, in field);
        return ref field;
    }

    /// <summary>The woven form of <c>ldelem</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LoadElement<T>(T[] array, int index, TxDescriptor tx) => ReadElement(tx, array, index);

    /// <summary>The woven form of <c>stelem</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreElement<T>(T[] array, int index, T value, TxDescriptor tx) => WriteElement(tx, array, index, value);

    /// <summary>The woven form of <c>ldelema</c> (same type check for arrays of references).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T OpenElement<T>(T[] array, int index, TxDescriptor tx)
    {
        AbortInjection.Tick(tx);
        ref T element = ref array[index];
        if (!tx.IsSerial)
            PrepareStripedWrite(tx, array, index, ref element);
        return ref element;
    }

    /// <summary>The woven form of <c>T[,]::Get</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LoadElement<T>(T[,] array, int i, int j, TxDescriptor tx)
    {
        AbortInjection.Tick(tx);
        return tx.IsSerial ? array[i, j] : ReadMultiDimensional<T>(tx, array, FlatIndex(array, i, j));
    }

    /// <summary>The woven form of <c>T[,]::Set</c> (same store check as the original).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreElement<T>(T[,] array, int i, int j, T value, TxDescriptor tx)
    {
        AbortInjection.Tick(tx);
        if (!tx.IsSerial)
            PrepareMultiDimensionalWrite<T>(tx, array, FlatIndex(array, i, j));
        array[i, j] = value;
    }

    /// <summary>The woven form of <c>T[,]::Address</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T OpenElement<T>(T[,] array, int i, int j, TxDescriptor tx)
    {
        AbortInjection.Tick(tx);
        ref T element = ref array[i, j];
        if (!tx.IsSerial)
            PrepareMultiDimensionalWrite<T>(tx, array, FlatIndex(array, i, j));
        return ref element;
    }

    /// <summary>The woven form of <c>T[,,]::Get</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LoadElement<T>(T[,,] array, int i, int j, int k, TxDescriptor tx)
    {
        AbortInjection.Tick(tx);
        return tx.IsSerial ? array[i, j, k] : ReadMultiDimensional<T>(tx, array, FlatIndex(array, i, j, k));
    }

    /// <summary>The woven form of <c>T[,,]::Set</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreElement<T>(T[,,] array, int i, int j, int k, T value, TxDescriptor tx)
    {
        AbortInjection.Tick(tx);
        if (!tx.IsSerial)
            PrepareMultiDimensionalWrite<T>(tx, array, FlatIndex(array, i, j, k));
        array[i, j, k] = value;
    }

    /// <summary>The woven form of <c>T[,,]::Address</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T OpenElement<T>(T[,,] array, int i, int j, int k, TxDescriptor tx)
    {
        AbortInjection.Tick(tx);
        ref T element = ref array[i, j, k];
        if (!tx.IsSerial)
            PrepareMultiDimensionalWrite<T>(tx, array, FlatIndex(array, i, j, k));
        return ref element;
    }

    // Multi-dimensional elements are located by their row-major index (no type check: a covariant
    // array of references is read as it is, and stores keep the array's own store check).
    private static T ReadMultiDimensional<T>(TxDescriptor tx, Array array, int flat) =>
        ReadStriped(tx, array, flat, ref At<T>(array, flat));

    private static void PrepareMultiDimensionalWrite<T>(TxDescriptor tx, Array array, int flat) =>
        PrepareStripedWrite(tx, array, flat, ref At<T>(array, flat));

    /// <summary>Row-major index of an element, bounds checked like the array's own accessors.</summary>
    private static int FlatIndex(Array array, int i, int j) => Dimension(array, 0, i) * array.GetLength(1) + Dimension(array, 1, j);

    private static int FlatIndex(Array array, int i, int j, int k) =>
        (Dimension(array, 0, i) * array.GetLength(1) + Dimension(array, 1, j)) * array.GetLength(2) + Dimension(array, 2, k);

    private static int Dimension(Array array, int dimension, int index)
    {
        int offset = index - array.GetLowerBound(dimension);
        if ((uint)offset >= (uint)array.GetLength(dimension))
            ThrowIndexOutOfRange();
        return offset;
    }

    private static ref T At<T>(Array array, int flat) =>
        ref Unsafe.Add(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), flat);
}
