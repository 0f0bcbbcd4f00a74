namespace Stm.Weaving;

/// <summary>How woven code treats a call into a method that is not woven.</summary>
public enum CallKind
{
    /// <summary>No shared effects and no calls back into user code: runs as is.</summary>
    Pure,

    /// <summary>No untracked effects of its own, but may call back into woven code (ToString, comparers): treated like a woven call.</summary>
    CallsBack,

    /// <summary>Blocks the thread (Sleep, Join, waits): the transaction commits before and a new one begins after.</summary>
    Blocking,

    /// <summary>Anything else: its effects cannot be undone, so the transaction becomes inevitable first.</summary>
    Foreign,

    /// <summary>A method the weaver instruments (this module, or an assembly already woven).</summary>
    Woven,

    /// <summary>A <c>Monitor</c> or <c>System.Threading.Lock</c> operation: replaced by the runtime's elidable monitor.</summary>
    Lock,
}

/// <summary>
/// The classification of calls into code that is not woven: a data table, matched on the
/// declaring type's full name (without generic arity marks and arguments) and the method name
/// (<c>*</c>: every method). The first matching row wins; unknown calls are
/// <see cref="CallKind.Foreign"/>. A later issue replaces this allowlist with the full classification.
/// </summary>
public static class CallTable
{
    public static readonly (string Type, string Method, CallKind Kind)[] Rows =
    [
        // The runtime itself: barriers and the frame protocol are what the weaver emits; the
        // public API is safe inside transactions by construction. Atomic.Run calls back.
        ("Stm.Atomic", "*", CallKind.CallsBack),
        ("Stm.Transaction", "*", CallKind.Pure),
        ("Stm.Abi.Barriers", "*", CallKind.Pure),
        ("Stm.Abi.TxDescriptor", "*", CallKind.Pure),

        // Values, math, conversions: no shared state.
        ("System.Math", "*", CallKind.Pure),
        ("System.MathF", "*", CallKind.Pure),
        ("System.Boolean", "*", CallKind.Pure),
        ("System.Char", "*", CallKind.Pure),
        ("System.SByte", "*", CallKind.Pure),
        ("System.Byte", "*", CallKind.Pure),
        ("System.Int16", "*", CallKind.Pure),
        ("System.UInt16", "*", CallKind.Pure),
        ("System.Int32", "*", CallKind.Pure),
        ("System.UInt32", "*", CallKind.Pure),
        ("System.Int64", "*", CallKind.Pure),
        ("System.UInt64", "*", CallKind.Pure),
        ("System.IntPtr", "*", CallKind.Pure),
        ("System.UIntPtr", "*", CallKind.Pure),
        ("System.Single", "*", CallKind.Pure),
        ("System.Double", "*", CallKind.Pure),
        ("System.Decimal", "*", CallKind.Pure),
        ("System.Convert", "*", CallKind.Pure),
        ("System.BitConverter", "*", CallKind.Pure),
        ("System.Numerics.BitOperations", "*", CallKind.Pure),
        ("System.Nullable", "*", CallKind.Pure),
        ("System.Guid", "*", CallKind.Pure),
        ("System.TimeSpan", "*", CallKind.Pure),
        ("System.Globalization.CultureInfo", "get_InvariantCulture", CallKind.Pure),
        ("System.Globalization.CultureInfo", "get_CurrentCulture", CallKind.Pure),
        ("System.Environment", "get_NewLine", CallKind.Pure),
        ("System.Environment", "get_CurrentManagedThreadId", CallKind.Pure),
        ("System.Type", "GetTypeFromHandle", CallKind.Pure),
        ("System.Object", "GetType", CallKind.Pure),
        ("System.Object", ".ctor", CallKind.Pure),
        ("System.Array", "get_Length", CallKind.Pure),
        ("System.Array", "GetLength", CallKind.Pure),
        ("System.Array", "GetLowerBound", CallKind.Pure),
        ("System.Array", "GetUpperBound", CallKind.Pure),
        ("System.Array", "get_Rank", CallKind.Pure),
        ("System.Array", "Empty", CallKind.Pure),
        ("System.Runtime.CompilerServices.RuntimeHelpers", "InitializeArray", CallKind.Pure),
        ("System.Runtime.CompilerServices.RuntimeHelpers", "CreateSpan", CallKind.Pure),
        ("System.ArgumentNullException", "ThrowIfNull", CallKind.Pure),
        ("System.ArgumentOutOfRangeException", "*", CallKind.Pure),

        // Operate on a location the woven code opened for write (ldflda/ldelema): the lock is held,
        // the old value saved, so the operation is a transactional read-modify-write.
        ("System.Threading.Interlocked", "*", CallKind.Pure),
        ("System.Threading.Volatile", "*", CallKind.Pure),

        // Spans: reads and writes through them are not tracked (README: documented limits).
        ("System.Span", "*", CallKind.Pure),
        ("System.ReadOnlySpan", "*", CallKind.Pure),
        ("System.MemoryExtensions", "*", CallKind.Pure),
        ("System.ValueTuple", "*", CallKind.Pure),

        // May call user code (ToString, Equals, comparers, formatting), no effects of their own.
        ("System.String", "*", CallKind.CallsBack),
        ("System.Object", "*", CallKind.CallsBack),
        ("System.ValueType", "*", CallKind.CallsBack),
        ("System.Enum", "*", CallKind.CallsBack),
        ("System.Runtime.CompilerServices.DefaultInterpolatedStringHandler", "*", CallKind.CallsBack),
        ("System.Collections.Generic.EqualityComparer", "*", CallKind.CallsBack),
        ("System.Collections.Generic.Comparer", "*", CallKind.CallsBack),
        ("System.IEquatable", "*", CallKind.CallsBack),
        ("System.IComparable", "*", CallKind.CallsBack),

        // Locks: elided (docs/abi.md §5). Members the runtime does not replace run as they are.
        ("System.Threading.Monitor", "get_LockContentionCount", CallKind.Pure),
        ("System.Threading.Monitor", "*", CallKind.Lock),
        ("System.Threading.Lock", ".ctor", CallKind.Pure),
        ("System.Threading.Lock", "*", CallKind.Lock),
        ("System.Threading.Lock/Scope", "*", CallKind.Lock),

        // Blocking: a thread must not wait while it holds a transaction others may wait for.
        ("System.Threading.Thread", "Join", CallKind.Blocking),
        ("System.Threading.Thread", "Sleep", CallKind.Blocking),
        ("System.Threading.WaitHandle", "WaitOne", CallKind.Blocking),
        ("System.Threading.WaitHandle", "WaitAll", CallKind.Blocking),
        ("System.Threading.WaitHandle", "WaitAny", CallKind.Blocking),
        ("System.Threading.SemaphoreSlim", "Wait", CallKind.Blocking),
        ("System.Threading.ManualResetEventSlim", "Wait", CallKind.Blocking),
        ("System.Threading.CountdownEvent", "Wait", CallKind.Blocking),
        ("System.Threading.Barrier", "SignalAndWait", CallKind.Blocking),
        ("System.Threading.Tasks.Task", "Wait", CallKind.Blocking),
        ("System.Threading.Tasks.Task", "WaitAll", CallKind.Blocking),
        ("System.Threading.Tasks.Task", "WaitAny", CallKind.Blocking),
        ("System.Threading.Tasks.Task", "get_Result", CallKind.Blocking),
        ("System.Runtime.CompilerServices.TaskAwaiter", "GetResult", CallKind.Blocking),
        ("System.Runtime.CompilerServices.ValueTaskAwaiter", "GetResult", CallKind.Blocking),
        ("System.Console", "ReadLine", CallKind.Blocking),
        ("System.Console", "Read", CallKind.Blocking),
        ("System.Console", "ReadKey", CallKind.Blocking),
    ];
}
