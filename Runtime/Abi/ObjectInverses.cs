using System.ComponentModel;
using System.Text;
using Stm.Core;

namespace Stm.Abi;

/// <summary>
/// The frequent mutations whose undo is an inverse rather than a copy of the whole object
/// (docs/abi.md §7). Woven code calls the method named like the mutation, with the receiver and,
/// for keyed operations, the key or item, before the mutation itself:
/// <c>ObjectInverses.set_Item(dictionary, key, tx); dictionary[key] = value; tx.EndObjectCalls(mark)</c>.
/// Each opens the object for write like <see cref="TxDescriptor.BeginObjectWrite"/> and logs the
/// inverse when the attempt can abort.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ObjectInverses
{
    /// <summary>Before <c>dictionary[key] = value</c>.</summary>
    public static void set_Item<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key, TxDescriptor tx) where TKey : notnull =>
        KeyedWrite(dictionary, key, tx);

    /// <summary>Before <c>Dictionary.Add</c>.</summary>
    public static void Add<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key, TxDescriptor tx) where TKey : notnull =>
        KeyedWrite(dictionary, key, tx);

    /// <summary>Before <c>Dictionary.TryAdd</c>.</summary>
    public static void TryAdd<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key, TxDescriptor tx) where TKey : notnull =>
        KeyedWrite(dictionary, key, tx);

    /// <summary>Before either <c>Dictionary.Remove</c>.</summary>
    public static void Remove<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key, TxDescriptor tx) where TKey : notnull =>
        KeyedWrite(dictionary, key, tx);

    /// <summary>Before <c>HashSet.Add</c>.</summary>
    public static void Add<T>(HashSet<T> set, T item, TxDescriptor tx)
    {
        if (!tx.BeginObjectWriteWithInverse(set))
            return;
        if (FrameworkKeys<T>.Compare(set.Comparer))
            tx.LogInverse(new SetMemberInverse<T>(set, item));
        else
            tx.SaveObjectState(set);
    }

    /// <summary>Before <c>HashSet.Remove</c>.</summary>
    public static void Remove<T>(HashSet<T> set, T item, TxDescriptor tx) => Add(set, item, tx);

    /// <summary>Before <c>List.Add</c>.</summary>
    public static void Add<T>(List<T> list, TxDescriptor tx)
    {
        if (tx.BeginObjectWriteWithInverse(list))
            tx.LogInverse(new ListLengthInverse<T>(list));
    }

    /// <summary>Before every <c>StringBuilder.Append</c> overload.</summary>
    public static void Append(StringBuilder builder, TxDescriptor tx)
    {
        if (tx.BeginObjectWriteWithInverse(builder))
            tx.LogInverse(new BuilderLengthInverse(builder));
    }

    /// <summary>Before either <c>LinkedList.AddFirst</c>.</summary>
    public static void AddFirst<T>(LinkedList<T> list, TxDescriptor tx) => LinkedListWrite(list, null, LinkedListAddition.First, tx);

    /// <summary>Before either <c>LinkedList.AddLast</c>.</summary>
    public static void AddLast<T>(LinkedList<T> list, TxDescriptor tx) => LinkedListWrite(list, null, LinkedListAddition.Last, tx);

    /// <summary>Before either <c>LinkedList.AddBefore</c>.</summary>
    public static void AddBefore<T>(LinkedList<T> list, LinkedListNode<T> node, TxDescriptor tx) => LinkedListWrite(list, node, LinkedListAddition.BeforeAnchor, tx);

    /// <summary>Before either <c>LinkedList.AddAfter</c>.</summary>
    public static void AddAfter<T>(LinkedList<T> list, LinkedListNode<T> node, TxDescriptor tx) => LinkedListWrite(list, node, LinkedListAddition.AfterAnchor, tx);

    /// <summary>Before <c>LinkedList.Remove(LinkedListNode)</c> (removing a value finds its node first: the list is saved whole).</summary>
    public static void Remove<T>(LinkedList<T> list, LinkedListNode<T> node, TxDescriptor tx) => LinkedListWrite(list, node, LinkedListAddition.None, tx);

    /// <summary>Before <c>LinkedList.RemoveFirst</c>.</summary>
    public static void RemoveFirst<T>(LinkedList<T> list, TxDescriptor tx) => LinkedListWrite(list, list.First, LinkedListAddition.None, tx);

    /// <summary>Before <c>LinkedList.RemoveLast</c>.</summary>
    public static void RemoveLast<T>(LinkedList<T> list, TxDescriptor tx) => LinkedListWrite(list, list.Last, LinkedListAddition.None, tx);

    private static void LinkedListWrite<T>(LinkedList<T> list, LinkedListNode<T>? anchor, LinkedListAddition addition, TxDescriptor tx)
    {
        if (tx.BeginObjectWriteWithInverse(list))
            tx.LogInverse(new LinkedListLinksInverse<T>(list, anchor, addition));
    }

    /// <summary>Before every <c>StringBuilder.AppendLine</c> overload.</summary>
    public static void AppendLine(StringBuilder builder, TxDescriptor tx) => Append(builder, tx);

    /// <summary>Before every <c>StringBuilder.AppendFormat</c> overload.</summary>
    public static void AppendFormat(StringBuilder builder, TxDescriptor tx) => Append(builder, tx);

    /// <summary>Before every <c>StringBuilder.AppendJoin</c> overload.</summary>
    public static void AppendJoin(StringBuilder builder, TxDescriptor tx) => Append(builder, tx);

    private static void KeyedWrite<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key, TxDescriptor tx) where TKey : notnull
    {
        if (!tx.BeginObjectWriteWithInverse(dictionary))
            return;
        if (FrameworkKeys<TKey>.Compare(dictionary.Comparer))
            tx.LogInverse(new DictionaryEntryInverse<TKey, TValue>(dictionary, key));
        else
            tx.SaveObjectState(dictionary);
    }

    /// <summary>
    /// Reading a key's entry before the mutation runs the key's hashing and equality: invisible
    /// only for framework keys and comparers. User code there would see calls the original does
    /// not make, so such objects are saved whole instead.
    /// </summary>
    private static class FrameworkKeys<T>
    {
        private static readonly bool s_frameworkType =
            typeof(T).IsPrimitive || typeof(T).IsEnum || typeof(T) == typeof(string) || typeof(T) == typeof(decimal) ||
            typeof(T) == typeof(Guid) || typeof(T) == typeof(DateTime) || typeof(T) == typeof(TimeSpan);

        public static bool Compare(IEqualityComparer<T> comparer) => s_frameworkType && comparer.GetType().Assembly == typeof(object).Assembly;
    }
}
