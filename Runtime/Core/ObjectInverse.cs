using System.Runtime.CompilerServices;
using System.Text;

namespace Stm.Core;

/// <summary>
/// Undoes one mutation of a framework object by putting back the part of its state the mutation
/// could change, read just before it: the entry of one key, the membership of one item, the
/// length of a list or a builder. Restoring a state read beforehand is right whether or not the
/// mutation then happened (it may throw), and cheap where saving the whole object would copy it.
/// The version counters are put back too, so enumerators made before the attempt stay valid.
/// </summary>
internal abstract class ObjectInverse
{
    public abstract void Undo();

    /// <summary>Records this inverse as an undo entry: the rollback runs it in log order.</summary>
    public unsafe void SaveIn(ref UndoEntry entry)
    {
        entry.Holder = this;
        entry.Location = -1;
        entry.OldReference = this;
        entry.Restore = &UndoFrom;
    }

    private static void UndoFrom(ref UndoEntry entry) => ((ObjectInverse)entry.OldReference!).Undo();
}

/// <summary>A dictionary's entry for one key as it was: absent, or present with its value.</summary>
internal sealed class DictionaryEntryInverse<TKey, TValue> : ObjectInverse
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _dictionary;
    private readonly TKey _key;
    private readonly bool _present;
    private readonly TValue? _value;
    private readonly int _version;

    public DictionaryEntryInverse(Dictionary<TKey, TValue> dictionary, TKey key)
    {
        _dictionary = dictionary;
        _key = key;
        _present = dictionary.TryGetValue(key, out _value);
        _version = Version(dictionary);
    }

    public override void Undo()
    {
        if (_present)
            _dictionary[_key] = _value!;
        else
            _dictionary.Remove(_key);
        Version(_dictionary) = _version;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_version")]
    private static extern ref int Version(Dictionary<TKey, TValue> dictionary);
}

/// <summary>Whether a set held one item.</summary>
internal sealed class SetMemberInverse<T> : ObjectInverse
{
    private readonly HashSet<T> _set;
    private readonly T _item;
    private readonly bool _present;
    private readonly T? _actual;
    private readonly int _version;

    public SetMemberInverse(HashSet<T> set, T item)
    {
        _set = set;
        _item = item;
        _present = set.TryGetValue(item, out _actual);
        _version = Version(set);
    }

    public override void Undo()
    {
        // Added back into the slot its removal freed, so the enumeration order is the same.
        if (!_present)
            _set.Remove(_item);
        else if (!_set.Contains(_item))
            _set.Add(_actual!);
        Version(_set) = _version;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_version")]
    private static extern ref int Version(HashSet<T> set);
}

/// <summary>A list's length before an Add: the rollback cuts the list back to it.</summary>
internal sealed class ListLengthInverse<T>(List<T> list) : ObjectInverse
{
    private readonly int _count = list.Count;
    private readonly int _version = Version(list);

    public override void Undo()
    {
        if (list.Count > _count)
            list.RemoveRange(_count, list.Count - _count);
        Version(list) = _version;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_version")]
    private static extern ref int Version(List<T> list);
}

/// <summary>A builder's length before an append: the rollback cuts the text back to it.</summary>
internal sealed class BuilderLengthInverse(StringBuilder builder) : ObjectInverse
{
    private readonly int _length = builder.Length;

    public override void Undo() => builder.Length = _length;
}
