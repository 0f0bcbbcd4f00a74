using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;
using Stm.Core;

namespace Stm.Abi;

/// <summary>
/// The object an object-level call really reads or writes, when it is not the receiver: an
/// enumerator or a key/value view works on its collection, a SortedDictionary on the tree inside
/// it, a SortedSet view on the set it is a view of. Woven code converts the receiver with the
/// overload for the callee's declaring type before <see cref="TxDescriptor.BeginObjectRead"/>.
/// The private fields are reached through <see cref="UnsafeAccessorAttribute"/> (checked by the
/// runtime's tests against the framework the program runs on).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ObjectTargets
{
    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<T>(ref List<T>.Enumerator enumerator) => ListFields<T>.Of(ref enumerator);

    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<T>(ref HashSet<T>.Enumerator enumerator) => HashSetFields<T>.Of(ref enumerator);

    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<T>(ref Queue<T>.Enumerator enumerator) => QueueFields<T>.Of(ref enumerator);

    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<T>(ref Stack<T>.Enumerator enumerator) => StackFields<T>.Of(ref enumerator);

    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<T>(ref LinkedList<T>.Enumerator enumerator) => LinkedListFields<T>.Of(ref enumerator);

    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<T>(ref SortedSet<T>.Enumerator enumerator) => Of(SortedSetFields<T>.Of(ref enumerator));

    /// <summary>The set itself, or for a view (GetViewBetween) the set it is a view of.</summary>
    public static object? Of<T>(SortedSet<T>? set) =>
        set is null || set.GetType() == typeof(SortedSet<T>) ? set : ObjectKinds.Unwrap(set);

    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<TKey, TValue>(ref Dictionary<TKey, TValue>.Enumerator enumerator) where TKey : notnull =>
        DictionaryFields<TKey, TValue>.Of(ref enumerator);

    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<TKey, TValue>(ref Dictionary<TKey, TValue>.KeyCollection.Enumerator enumerator) where TKey : notnull =>
        DictionaryFields<TKey, TValue>.Of(ref enumerator);

    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<TKey, TValue>(ref Dictionary<TKey, TValue>.ValueCollection.Enumerator enumerator) where TKey : notnull =>
        DictionaryFields<TKey, TValue>.Of(ref enumerator);

    /// <summary>The dictionary (or its tree) behind the view.</summary>
    public static object? Of<TKey, TValue>(Dictionary<TKey, TValue>.KeyCollection? keys) where TKey : notnull =>
        keys is null ? null : DictionaryFields<TKey, TValue>.Of(keys);

    /// <summary>The dictionary (or its tree) behind the view.</summary>
    public static object? Of<TKey, TValue>(Dictionary<TKey, TValue>.ValueCollection? values) where TKey : notnull =>
        values is null ? null : DictionaryFields<TKey, TValue>.Of(values);

    /// <summary>The tree that holds the sorted dictionary.</summary>
    public static object? Of<TKey, TValue>(SortedDictionary<TKey, TValue>? dictionary) where TKey : notnull =>
        dictionary is null ? null : ObjectKinds.Unwrap(dictionary);

    /// <summary>The collection the enumerator walks.</summary>
    public static object? Of<TKey, TValue>(ref SortedDictionary<TKey, TValue>.Enumerator enumerator) where TKey : notnull =>
        SortedSetFields<KeyValuePair<TKey, TValue>>.Of(ref SortedDictionaryFields<TKey, TValue>.TreeEnumerator(ref enumerator));

    /// <summary>The dictionary (or its tree) behind the view.</summary>
    public static object? Of<TKey, TValue>(SortedDictionary<TKey, TValue>.KeyCollection? keys) where TKey : notnull =>
        keys is null ? null : Of(SortedDictionaryFields<TKey, TValue>.Of(keys));

    /// <summary>The dictionary (or its tree) behind the view.</summary>
    public static object? Of<TKey, TValue>(SortedDictionary<TKey, TValue>.ValueCollection? values) where TKey : notnull =>
        values is null ? null : Of(SortedDictionaryFields<TKey, TValue>.Of(values));

    /// <summary>The list a node belongs to (none once it is removed: it is then nobody else's).</summary>
    public static object? Of<T>(LinkedListNode<T>? node) => node?.List;

    /// <summary>The builder an interpolated <c>Append</c> writes into.</summary>
    public static object? Of(ref StringBuilder.AppendInterpolatedStringHandler handler) => BuilderOf(ref handler);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_stringBuilder")]
    private static extern ref StringBuilder BuilderOf(ref StringBuilder.AppendInterpolatedStringHandler handler);

    private static class ListFields<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_list")]
        public static extern ref List<T> Of(ref List<T>.Enumerator enumerator);
    }

    private static class HashSetFields<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_hashSet")]
        public static extern ref HashSet<T> Of(ref HashSet<T>.Enumerator enumerator);
    }

    private static class QueueFields<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_queue")]
        public static extern ref Queue<T> Of(ref Queue<T>.Enumerator enumerator);
    }

    private static class StackFields<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_stack")]
        public static extern ref Stack<T> Of(ref Stack<T>.Enumerator enumerator);
    }

    private static class LinkedListFields<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_list")]
        public static extern ref LinkedList<T> Of(ref LinkedList<T>.Enumerator enumerator);
    }

    private static class SortedSetFields<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_tree")]
        public static extern ref SortedSet<T> Of(ref SortedSet<T>.Enumerator enumerator);
    }

    private static class DictionaryFields<TKey, TValue> where TKey : notnull
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_dictionary")]
        public static extern ref Dictionary<TKey, TValue> Of(ref Dictionary<TKey, TValue>.Enumerator enumerator);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_dictionary")]
        public static extern ref Dictionary<TKey, TValue> Of(ref Dictionary<TKey, TValue>.KeyCollection.Enumerator enumerator);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_dictionary")]
        public static extern ref Dictionary<TKey, TValue> Of(ref Dictionary<TKey, TValue>.ValueCollection.Enumerator enumerator);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_dictionary")]
        public static extern ref Dictionary<TKey, TValue> Of(Dictionary<TKey, TValue>.KeyCollection keys);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_dictionary")]
        public static extern ref Dictionary<TKey, TValue> Of(Dictionary<TKey, TValue>.ValueCollection values);
    }

    private static class SortedDictionaryFields<TKey, TValue> where TKey : notnull
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_treeEnum")]
        public static extern ref SortedSet<KeyValuePair<TKey, TValue>>.Enumerator TreeEnumerator(ref SortedDictionary<TKey, TValue>.Enumerator enumerator);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_dictionary")]
        public static extern ref SortedDictionary<TKey, TValue> Of(SortedDictionary<TKey, TValue>.KeyCollection keys);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_dictionary")]
        public static extern ref SortedDictionary<TKey, TValue> Of(SortedDictionary<TKey, TValue>.ValueCollection values);
    }
}
