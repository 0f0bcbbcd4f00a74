using System.Collections.Generic;
using System.Linq;

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

    /// <summary>Reads its receiver (or, for a static method, its collection arguments) as one STM object: a lookup, Count, a LINQ operator.</summary>
    ObjectRead,

    /// <summary>Mutates its receiver (for a static method, its first argument) as one STM object, undone on abort; other collection arguments are read.</summary>
    ObjectWrite,

    /// <summary>Advances or ends an enumerator known only at run time (<c>MoveNext</c>, <c>Dispose</c>): its state is saved, its collection read.</summary>
    EnumeratorStep,

    /// <summary>Reads the own state of an enumerator known only at run time (<c>Current</c>).</summary>
    EnumeratorState,

    /// <summary>
    /// Makes a view of shared memory that the barriers do not see (a writable span over the heap):
    /// the transaction becomes inevitable before the call, so writes through the view are never
    /// rolled back.
    /// </summary>
    Irrevocable,
}

/// <summary>
/// The classification of calls into code that is not woven: a data table, matched on the
/// declaring type's full name (without generic arity marks and arguments) and the method name
/// (<c>*</c>: every method). A row for the method wins over a row for the whole type; unknown
/// calls are <see cref="CallKind.Foreign"/>. docs/weaver.md lists the categories.
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

        // Spans: reads and writes through them are not tracked (docs/weaver.md, known limits); a
        // call that makes a writable span over the heap is irrevocable (CallClassifier.CreatesWritableSpan).
        ("System.Span", "*", CallKind.Pure),
        ("System.ReadOnlySpan", "*", CallKind.Pure),
        ("System.MemoryExtensions", "*", CallKind.Pure),
        ("System.ValueTuple", "*", CallKind.Pure),
        ("System.Collections.Generic.KeyValuePair", "*", CallKind.Pure),

        // May call user code (ToString, Equals, comparers, formatting), no effects of their own.
        ("System.String", "*", CallKind.CallsBack),
        ("System.Object", "*", CallKind.CallsBack),
        ("System.ValueType", "*", CallKind.CallsBack),
        ("System.Enum", "*", CallKind.CallsBack),
        ("System.Runtime.CompilerServices.DefaultInterpolatedStringHandler", "*", CallKind.CallsBack),
        ("System.Runtime.CompilerServices.FormattableStringFactory", "*", CallKind.Pure),
        ("System.FormattableString", "*", CallKind.CallsBack),
        ("System.IFormattable", "*", CallKind.CallsBack),
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

        // Object-level (docs/abi.md §7): a framework object is one STM location. The listed methods
        // read it; every other method of the type mutates it (its state is saved for undo).
        .. ObjectLevel("System.Collections.Generic.List", "get_Count", "get_Capacity", "get_Item", "Contains", "IndexOf", "LastIndexOf",
            "Find", "FindAll", "FindIndex", "FindLast", "FindLastIndex", "Exists", "TrueForAll", "ToArray", "CopyTo", "GetRange",
            "Slice", "BinarySearch", "ConvertAll", "ForEach", "GetEnumerator"),
        .. ObjectLevel("System.Collections.Generic.Dictionary", "get_Count", "get_Item", "TryGetValue", "ContainsKey", "ContainsValue",
            "get_Keys", "get_Values", "get_Comparer", "get_Capacity", "GetEnumerator"),
        .. ObjectLevel("System.Collections.Generic.HashSet", "get_Count", "get_Capacity", "Contains", "TryGetValue", "IsSubsetOf", "IsSupersetOf",
            "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals", "CopyTo", "get_Comparer", "GetEnumerator"),
        .. ObjectLevel("System.Collections.Generic.Queue", "get_Count", "get_Capacity", "Peek", "TryPeek", "Contains", "ToArray", "CopyTo", "GetEnumerator"),
        .. ObjectLevel("System.Collections.Generic.Stack", "get_Count", "get_Capacity", "Peek", "TryPeek", "Contains", "ToArray", "CopyTo", "GetEnumerator"),
        .. ObjectLevel("System.Collections.Generic.LinkedList", "get_Count", "get_First", "get_Last", "Find", "FindLast", "Contains", "CopyTo", "GetEnumerator"),
        .. ObjectLevel("System.Collections.Generic.LinkedListNode", "get_List", "get_Next", "get_Previous", "get_Value", "get_ValueRef"),
        .. ObjectLevel("System.Collections.Generic.SortedSet", "get_Count", "get_Min", "get_Max", "Contains", "TryGetValue", "GetViewBetween",
            "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals", "CopyTo", "Reverse", "get_Comparer", "GetEnumerator"),
        .. ObjectLevel("System.Collections.Generic.SortedDictionary", "get_Count", "get_Item", "TryGetValue", "ContainsKey", "ContainsValue",
            "get_Keys", "get_Values", "get_Comparer", "CopyTo", "GetEnumerator"),
        .. ObjectLevel("System.Collections.Generic.SortedList", "get_Count", "get_Capacity", "get_Item", "TryGetValue", "ContainsKey", "ContainsValue",
            "IndexOfKey", "IndexOfValue", "GetKeyAtIndex", "GetValueAtIndex", "get_Keys", "get_Values", "get_Comparer", "GetEnumerator"),
        .. ObjectLevel("System.Collections.Generic.PriorityQueue", "get_Count", "Peek", "TryPeek", "get_Comparer", "get_UnorderedItems"),
        .. ObjectLevel("System.Text.StringBuilder", "get_Length", "get_Capacity", "get_MaxCapacity", "get_Chars", "ToString", "CopyTo", "Equals", "GetChunks"),
        ("System.Text.StringBuilder/AppendInterpolatedStringHandler", ".ctor", CallKind.Pure),
        ("System.Text.StringBuilder/AppendInterpolatedStringHandler", "*", CallKind.ObjectWrite),
        ("System.Collections.Generic.Dictionary/KeyCollection", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.Dictionary/ValueCollection", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.SortedDictionary/KeyCollection", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.SortedDictionary/ValueCollection", "*", CallKind.ObjectRead),
        // Struct enumerators: a step reads the collection; Current and Dispose are the struct's own state.
        .. Enumerator("System.Collections.Generic.List/Enumerator"),
        .. Enumerator("System.Collections.Generic.Dictionary/Enumerator"),
        .. Enumerator("System.Collections.Generic.Dictionary/KeyCollection/Enumerator"),
        .. Enumerator("System.Collections.Generic.Dictionary/ValueCollection/Enumerator"),
        .. Enumerator("System.Collections.Generic.HashSet/Enumerator"),
        .. Enumerator("System.Collections.Generic.Queue/Enumerator"),
        .. Enumerator("System.Collections.Generic.Stack/Enumerator"),
        .. Enumerator("System.Collections.Generic.LinkedList/Enumerator"),
        ("System.Collections.Generic.SortedSet/Enumerator", "Dispose", CallKind.Pure),
        ("System.Collections.Generic.SortedSet/Enumerator", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.SortedDictionary/Enumerator", "Dispose", CallKind.Pure),
        ("System.Collections.Generic.SortedDictionary/Enumerator", "*", CallKind.ObjectRead),
        // A Random's state is its generator: every draw mutates it. Those that write into arrays or spans are foreign.
        ("System.Random", "Shuffle", CallKind.Foreign),
        ("System.Random", "NextBytes", CallKind.Foreign),
        ("System.Random", "GetItems", CallKind.Foreign),
        ("System.Random", "get_Shared", CallKind.Pure),
        ("System.Random", "*", CallKind.ObjectWrite),
        // LINQ and helpers over collections: their enumerable arguments are read (resolved at run time).
        ("System.Linq.Enumerable", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.CollectionExtensions", "GetValueOrDefault", CallKind.ObjectRead),
        ("System.Collections.Generic.CollectionExtensions", "AsReadOnly", CallKind.ObjectRead),
        ("System.Collections.Generic.CollectionExtensions", "*", CallKind.ObjectWrite),
        ("System.Linq.IGrouping", "*", CallKind.ObjectRead),
        ("System.Linq.ILookup", "*", CallKind.ObjectRead),
        ("System.Linq.IOrderedEnumerable", "*", CallKind.ObjectRead),
        // Collection expressions fill a new list through these; a span over a list is written in place (its state is saved first).
        ("System.Runtime.InteropServices.CollectionsMarshal", "*", CallKind.ObjectWrite),
        ("System.String", "Join", CallKind.ObjectRead),
        ("System.String", "Concat", CallKind.ObjectRead),
        // Interfaces of collections: the receiver's run-time type decides (woven code guards itself).
        .. ObjectLevel("System.Collections.Generic.ICollection", "get_Count", "get_IsReadOnly", "Contains", "CopyTo"),
        .. ObjectLevel("System.Collections.Generic.IList", "get_Item", "IndexOf"),
        .. ObjectLevel("System.Collections.Generic.IDictionary", "get_Item", "TryGetValue", "ContainsKey", "get_Keys", "get_Values"),
        .. ObjectLevel("System.Collections.Generic.ISet", "Contains", "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals"),
        .. ObjectLevel("System.Collections.ICollection", "get_Count", "get_IsSynchronized", "get_SyncRoot", "CopyTo"),
        .. ObjectLevel("System.Collections.IList", "get_Item", "IndexOf", "Contains", "get_IsReadOnly", "get_IsFixedSize"),
        .. ObjectLevel("System.Collections.IDictionary", "get_Item", "Contains", "get_Keys", "get_Values", "get_IsReadOnly", "get_IsFixedSize", "GetEnumerator"),
        ("System.Collections.Generic.IReadOnlyCollection", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.IReadOnlyList", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.IReadOnlyDictionary", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.IReadOnlySet", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.IEnumerable", "*", CallKind.ObjectRead),
        ("System.Collections.IEnumerable", "*", CallKind.ObjectRead),
        ("System.Collections.Generic.IEnumerator", "get_Current", CallKind.EnumeratorState),
        ("System.Collections.IEnumerator", "get_Current", CallKind.EnumeratorState),
        ("System.Collections.IEnumerator", "*", CallKind.EnumeratorStep),
        // Disposing ends an enumerator: a change of its own state, which an abort must undo like a step
        // (a finally disposes it as the abort unwinds, before the restart uses it again).
        ("System.IDisposable", "Dispose", CallKind.EnumeratorStep),

        // Blocking: a thread must not wait while it holds a transaction others may wait for.
        // Starting a thread cannot be undone: it happens between transactions, like a blocking call.
        ("System.Threading.Thread", "Start", CallKind.Blocking),
        ("System.Threading.Thread", "UnsafeStart", CallKind.Blocking),
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

    /// <summary>Rows of an object-level type: <paramref name="reads"/> read it, every other method mutates it.</summary>
    private static IEnumerable<(string, string, CallKind)> ObjectLevel(string type, params string[] reads) =>
        [.. reads.Select(method => (type, method, CallKind.ObjectRead)), (type, "*", CallKind.ObjectWrite)];

    /// <summary>Rows of a struct enumerator: MoveNext reads its collection; Current and Dispose touch only the struct.</summary>
    private static IEnumerable<(string, string, CallKind)> Enumerator(string type) =>
        [(type, "get_Current", CallKind.Pure), (type, "Dispose", CallKind.Pure), (type, "*", CallKind.ObjectRead)];
}
