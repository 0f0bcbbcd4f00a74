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

/// <summary>Where the node a LinkedList mutation adds is found right after it (the rollback unlinks it).</summary>
internal enum LinkedListAddition : byte
{
    None,
    First,
    Last,
    BeforeAnchor,
    AfterAnchor,
}

/// <summary>
/// The links a LinkedList mutation can change, as they were: the list's head, count and version,
/// and the list/next/prev fields of the nodes around the place it adds or removes (the anchor,
/// its neighbours, the head and the tail). The rollback puts them back, and unlinks the node the
/// mutation added (new, or unlinked before: its fields go back to null).
/// </summary>
internal sealed class LinkedListLinksInverse<T> : ObjectInverse
{
    private readonly LinkedList<T> _list;
    private readonly LinkedListNode<T>? _anchor;
    private readonly LinkedListAddition _addition;
    private readonly LinkedListNode<T>? _head;
    private readonly int _count;
    private readonly int _version;
    private readonly List<(LinkedListNode<T> Node, LinkedListNode<T>? Next, LinkedListNode<T>? Prev)> _links = new(5);

    public LinkedListLinksInverse(LinkedList<T> list, LinkedListNode<T>? anchor, LinkedListAddition addition)
    {
        _list = list;
        _anchor = anchor;
        _addition = addition;
        _head = Head(list);
        _count = Count(list);
        _version = Version(list);
        if (anchor is not null && anchor.List == list)
        {
            Save(anchor);
            Save(Prev(anchor));
            Save(Next(anchor));
        }
        Save(_head);
        Save(_head is null ? null : Prev(_head));
    }

    public override void Undo()
    {
        // The log is undone in reverse: the list is as this mutation left it, or untouched if it threw.
        if (Count(_list) != _count && AddedNode() is { } added && !IsSaved(added))
        {
            ListOf(added) = null;
            Next(added) = null;
            Prev(added) = null;
        }
        foreach (var (node, next, prev) in _links)
        {
            ListOf(node) = _list;
            Next(node) = next;
            Prev(node) = prev;
        }
        Head(_list) = _head;
        Count(_list) = _count;
        Version(_list) = _version;
    }

    private LinkedListNode<T>? AddedNode() => _addition switch
    {
        LinkedListAddition.First => Head(_list),
        LinkedListAddition.Last => Head(_list) is { } head ? Prev(head) : null,
        LinkedListAddition.BeforeAnchor => _anchor is null ? null : Prev(_anchor),
        LinkedListAddition.AfterAnchor => _anchor is null ? null : Next(_anchor),
        _ => null,
    };

    /// <summary>Saves a node of this list once (nodes of other lists are not this mutation's to restore).</summary>
    private void Save(LinkedListNode<T>? node)
    {
        if (node is not null && ReferenceEquals(node.List, _list) && !IsSaved(node))
            _links.Add((node, Next(node), Prev(node)));
    }

    private bool IsSaved(LinkedListNode<T> node)
    {
        foreach (var link in _links)
        {
            if (ReferenceEquals(link.Node, node))
                return true;
        }
        return false;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "head")]
    private static extern ref LinkedListNode<T>? Head(LinkedList<T> list);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "count")]
    private static extern ref int Count(LinkedList<T> list);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "version")]
    private static extern ref int Version(LinkedList<T> list);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "list")]
    private static extern ref LinkedList<T>? ListOf(LinkedListNode<T> node);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "next")]
    private static extern ref LinkedListNode<T>? Next(LinkedListNode<T> node);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "prev")]
    private static extern ref LinkedListNode<T>? Prev(LinkedListNode<T> node);
}
