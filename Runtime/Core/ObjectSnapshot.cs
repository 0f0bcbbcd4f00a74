using System.Collections.Concurrent;
using System.Reflection;

namespace Stm.Core;

/// <summary>
/// The state of a framework object (a collection, a StringBuilder, a Random) before a
/// transaction's first mutation of it, restored exactly if the transaction rolls back: every field
/// of the object and of the private objects that make up its structure (tree and list nodes, the
/// generator behind a Random, the earlier chunks of a StringBuilder), and the contents of the
/// arrays they hold. Elements are not part of the structure: they are saved as references (a user
/// object in a list is an STM object of its own). Restoring writes the saved values back into the
/// same objects, so references the program holds (a LinkedListNode, the collection itself) stay valid.
/// </summary>
internal sealed class ObjectSnapshot
{
    private static readonly ConcurrentDictionary<Type, (FieldInfo Field, bool HoldsElement)[]> s_fields = new();
    private static readonly Assembly s_coreLibrary = typeof(object).Assembly;

    private readonly List<(object Holder, FieldInfo Field, object? Value)> _fields = [];
    private readonly List<(Array Array, Array Contents)> _arrays = [];
    private readonly HashSet<object> _visited = new(ReferenceEqualityComparer.Instance);

    private ObjectSnapshot()
    {
    }

    public static ObjectSnapshot Take(object target)
    {
        var snapshot = new ObjectSnapshot();
        snapshot.Visit(target);
        snapshot._visited.Clear();
        return snapshot;
    }

    /// <summary>Puts the saved state back: arrays first, then the fields that may point at them.</summary>
    public void Restore()
    {
        foreach (var (array, contents) in _arrays)
            Array.Copy(contents, array, array.Length);
        foreach (var (holder, field, value) in _fields)
            field.SetValue(holder, value);
    }

    /// <summary>Records the snapshot as an undo entry: the rollback restores it in log order.</summary>
    public unsafe void SaveIn(ref UndoEntry entry, object target)
    {
        entry.Holder = target;
        entry.Location = -1;
        entry.OldReference = this;
        entry.Restore = &RestoreFrom;
    }

    private static void RestoreFrom(ref UndoEntry entry) => ((ObjectSnapshot)entry.OldReference!).Restore();

    private void Visit(object holder)
    {
        if (!_visited.Add(holder))
            return;
        if (holder is Array array)
        {
            _arrays.Add((array, (Array)array.Clone()));
            return;
        }
        foreach (var (field, holdsElement) in FieldsOf(holder.GetType()))
        {
            object? value = field.GetValue(holder);
            _fields.Add((holder, field, value));
            if (value is not null && !holdsElement)
                VisitValue(value, field.FieldType, holder.GetType());
        }
    }

    /// <summary>A field's value: structure is followed; a struct's own fields are looked into (it was saved whole).</summary>
    private void VisitValue(object value, Type declared, Type holderType)
    {
        if (declared.IsValueType)
        {
            if (declared.IsPrimitive || declared.IsEnum)
                return;
            foreach (var (field, holdsElement) in FieldsOf(declared))
            {
                if (!holdsElement && !field.FieldType.IsValueType && field.GetValue(value) is { } inner && IsStructure(inner, holderType))
                    Visit(inner);
            }
            return;
        }
        if (IsStructure(value, holderType))
            Visit(value);
    }

    /// <summary>
    /// Part of the structure of a <paramref name="holderType"/>, not an element or a shared
    /// service: arrays the framework object holds, its private helper objects, the enumerators it
    /// drives, and the public links of a chain (a StringBuilder's earlier chunks, a LinkedList's nodes). A public object
    /// met anywhere else (a StringBuilder stored in a LinkedList) is an element.
    /// </summary>
    private static bool IsStructure(object value, Type holderType)
    {
        var type = value.GetType();
        // An enumerator a framework object holds is its own (a LINQ iterator's source enumerator).
        if (value is Array || type == holderType || value is System.Collections.IEnumerator)
            return true;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(LinkedListNode<>))
            return holderType.IsGenericType && holderType.GetGenericTypeDefinition() == typeof(LinkedList<>);
        bool framework = type.Assembly == s_coreLibrary || type.Assembly.GetName().Name?.StartsWith("System.", StringComparison.Ordinal) == true;
        return framework && !type.IsVisible && !typeof(Delegate).IsAssignableFrom(type);
    }

    /// <summary>
    /// Every instance field of <paramref name="type"/> and its bases, and whether it holds an
    /// element: its declared type is a type parameter (a node's item is a <c>T</c>, whatever T is).
    /// </summary>
    private static (FieldInfo Field, bool HoldsElement)[] FieldsOf(Type type) => s_fields.GetOrAdd(type, static t =>
    {
        const BindingFlags declaredInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var fields = new List<(FieldInfo, bool)>();
        for (var current = t; current is not null && current != typeof(object); current = current.BaseType)
        {
            var open = current.IsConstructedGenericType ? current.GetGenericTypeDefinition() : current;
            foreach (var field in current.GetFields(declaredInstance))
                fields.Add((field, open.GetField(field.Name, declaredInstance)?.FieldType.IsGenericParameter == true));
        }
        return [.. fields];
    });
}
