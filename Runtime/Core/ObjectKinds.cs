using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Stm.Abi;

namespace Stm.Core;

/// <summary>What an object-level call whose target is known only at run time (an interface call, a LINQ source) must guard.</summary>
internal enum ObjectKind : byte
{
    /// <summary>Nothing: immutable (a string), or woven code that guards its own accesses.</summary>
    Unguarded,

    /// <summary>A framework object guarded as a whole: itself, or what <see cref="ObjectKinds.TargetOf"/> finds behind it.</summary>
    Guarded,

    /// <summary>An array: its stripes are read like elements.</summary>
    Array,

    /// <summary>A LINQ iterator: the sources it enumerates are the targets.</summary>
    Query,

    /// <summary>Anything else: its effects cannot be undone, so the transaction becomes inevitable.</summary>
    Foreign,
}

/// <summary>
/// Classifies run-time types for object-level calls resolved at run time (docs/abi.md §7), once
/// per type. The framework types guarded as wholes are the ones the weaver's call table knows;
/// their enumerators and views lead to the collection behind them.
/// </summary>
internal static class ObjectKinds
{
    private static readonly ConcurrentDictionary<Type, (ObjectKind Kind, FieldInfo[] Path)> s_kinds = new();
    private static readonly ConcurrentDictionary<Assembly, bool> s_woven = new();
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> s_sources = new();
    private static readonly ConcurrentDictionary<Type, FieldInfo?> s_inner = new();

    private static readonly Type[] s_guardedDefinitions =
    [
        typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(Queue<>), typeof(Stack<>),
        typeof(LinkedList<>), typeof(SortedSet<>), typeof(SortedDictionary<,>), typeof(SortedList<,>),
        typeof(PriorityQueue<,>),
    ];

    public static ObjectKind KindOf(object target) => Classify(target.GetType()).Kind;

    /// <summary>The object guarded for a <see cref="ObjectKind.Guarded"/> target: the collection behind an enumerator or view, the tree of a sorted collection.</summary>
    public static object? TargetOf(object target)
    {
        object? current = target;
        foreach (var field in Classify(target.GetType()).Path)
            current = current is null ? null : field.GetValue(current);
        return current is null ? null : Unwrap(current);
    }

    /// <summary>
    /// The object that holds the state of a guarded collection: the tree inside a SortedDictionary
    /// (its enumerators know only the tree), the set a SortedSet view was made from.
    /// </summary>
    public static object Unwrap(object collection)
    {
        while (s_inner.GetOrAdd(collection.GetType(), static t => InnerField(t)) is { } inner && inner.GetValue(collection) is { } next)
            collection = next;
        return collection;
    }

    private static FieldInfo? InnerField(Type type)
    {
        const BindingFlags instance = BindingFlags.Instance | BindingFlags.NonPublic;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SortedDictionary<,>))
            return type.GetField("_set", instance);
        bool sortedSetView = type.BaseType is { IsGenericType: true } parent && parent.GetGenericTypeDefinition() == typeof(SortedSet<>);
        return sortedSetView ? type.GetField("_underlying", instance) : null;
    }

    /// <summary>
    /// What a LINQ iterator reads, all the way down: the enumerables its fields hold, and theirs
    /// when they are iterators too (an iterator may also point back at itself or a clone).
    /// </summary>
    public static List<object> SourcesOf(object query)
    {
        var sources = new List<object>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance) { query };
        var pending = new Stack<object>();
        pending.Push(query);
        while (pending.Count > 0)
        {
            object current = pending.Pop();
            foreach (var field in s_sources.GetOrAdd(current.GetType(), static t => [.. InstanceFields(t).Where(f => !f.FieldType.IsValueType && f.FieldType != typeof(string) && !typeof(Delegate).IsAssignableFrom(f.FieldType))]))
            {
                if (field.GetValue(current) is not IEnumerable source || source is string || !visited.Add(source))
                    continue;
                if (KindOf(source) == ObjectKind.Query)
                    pending.Push(source);
                else
                    sources.Add(source);
            }
        }
        return sources;
    }

    public static bool IsWoven(Assembly assembly) =>
        s_woven.GetOrAdd(assembly, static a => a.IsDefined(typeof(StmWovenAttribute), inherit: false));

    private static (ObjectKind Kind, FieldInfo[] Path) Classify(Type type) => s_kinds.GetOrAdd(type, static t =>
    {
        if (t == typeof(string))
            return (ObjectKind.Unguarded, []);
        if (t.IsArray)
            return (ObjectKind.Array, []);
        if (IsGuardedType(t))
            return (ObjectKind.Guarded, []);
        if (PathToGuarded(t) is { } path)
            return (ObjectKind.Guarded, path);
        if (IsWoven(t.Assembly))
            return (ObjectKind.Unguarded, []);
        if (IsBuiltLookup(t))
            return (ObjectKind.Unguarded, []);
        if (t.Namespace == "System.Linq" && t.Assembly == typeof(Enumerable).Assembly)
            return (ObjectKind.Query, []);
        return (ObjectKind.Foreign, []);
    });

    /// <summary>
    /// A lookup or one of its groupings (GroupBy, ToLookup): built by the operator from its
    /// sources, which are guarded where they are enumerated, and never changed after. Its groupings
    /// are chained to each other: followed as sources, each Count() of a group would walk them all.
    /// </summary>
    private static bool IsBuiltLookup(Type type)
    {
        for (var current = type; current is { IsGenericType: true } && current.Assembly == typeof(Enumerable).Assembly; current = current.BaseType)
        {
            var definition = current.GetGenericTypeDefinition();
            if (definition == typeof(Lookup<,>) || definition.FullName == "System.Linq.Grouping`2")
                return true;
        }
        return false;
    }

    /// <summary>A guarded framework type, or a class derived from one (a woven subclass of List still runs List's code).</summary>
    private static bool IsGuardedType(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current == typeof(StringBuilder) || current == typeof(Random))
                return true;
            if (current.IsGenericType && Array.IndexOf(s_guardedDefinitions, current.GetGenericTypeDefinition()) >= 0)
                return true;
        }
        return false;
    }

    /// <summary>
    /// For an enumerator or a view nested in a guarded collection type: the fields that lead to
    /// the collection (through a struct field such as the tree enumerator of a SortedDictionary's).
    /// </summary>
    private static FieldInfo[]? PathToGuarded(Type type)
    {
        bool nestedInGuarded = false;
        for (var outer = type.DeclaringType; outer is not null && !nestedInGuarded; outer = outer.DeclaringType)
            nestedInGuarded = IsGuardedType(outer);
        if (!nestedInGuarded)
            return null;
        foreach (var field in InstanceFields(type))
        {
            if (IsGuardedType(field.FieldType))
                return [field];
            if (field.FieldType.IsValueType && field.FieldType.DeclaringType is not null && PathToGuarded(field.FieldType) is { } rest)
                return [field, .. rest];
        }
        return null;
    }

    private static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                yield return field;
        }
    }
}
