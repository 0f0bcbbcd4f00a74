using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;

namespace Stm.Core;

/// <summary>
/// The state of a framework object (a collection, a StringBuilder, a Random) before a
/// transaction's first mutation of it, restored exactly if the transaction rolls back: every field
/// of the object and of the private objects that make up its structure (tree and list nodes, the
/// generator behind a Random, the earlier chunks of a StringBuilder), and the contents of the
/// arrays they hold. Elements are not part of the structure: they are saved as references (a user
/// object in a list is an STM object of its own). Restoring writes the saved values back into the
/// same objects, so references the program holds (a LinkedListNode, the collection itself) stay valid.
/// Each object is saved as a shallow clone; the field copies back and the walk over reference
/// fields are compiled once per type (a snapshot is taken on every first write of an attempt, so
/// it must cost about what copying the object costs).
/// </summary>
internal sealed class ObjectSnapshot
{
    private static readonly ConcurrentDictionary<Type, Shape> s_shapes = new();
    private static readonly ConcurrentDictionary<Type, bool> s_frameworkInternal = new();
    private static readonly Assembly s_coreLibrary = typeof(object).Assembly;
    private static readonly Func<object, object> s_shallowClone =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!.CreateDelegate<Func<object, object>>();

    private readonly List<(object Original, object Copy, Shape Shape)> _objects = [];
    private readonly List<(Array Array, Array Contents)> _arrays = [];
    private HashSet<object>? _visitedMany;
    private Type _holderType = typeof(object);

    /// <summary>Structure found and not yet visited, with the type of the object that holds it: the walk is a loop, so a long chain of nodes cannot overflow the stack.</summary>
    private readonly Stack<(object Value, Type HolderType)> _pending = new();

    private ObjectSnapshot()
    {
    }

    public static ObjectSnapshot Take(object target)
    {
        var snapshot = new ObjectSnapshot();
        snapshot.Visit(target);
        while (snapshot._pending.TryPop(out var next))
        {
            snapshot._holderType = next.HolderType;
            snapshot.Visit(next.Value);
        }
        snapshot._visitedMany = null;
        return snapshot;
    }

    /// <summary>Puts the saved state back: array contents, then every saved object's fields.</summary>
    public void Restore()
    {
        foreach (var (array, contents) in _arrays)
            Array.Copy(contents, array, array.Length);
        foreach (var (original, copy, shape) in _objects)
            shape.CopyFields(original, copy);
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
        if (!FirstVisit(holder))
            return;
        if (holder is Array array)
        {
            _arrays.Add((array, (Array)array.Clone()));
            return;
        }
        var shape = s_shapes.GetOrAdd(holder.GetType(), static t => new Shape(t));
        _objects.Add((holder, s_shallowClone(holder), shape));
        _holderType = holder.GetType();
        shape.VisitReferences(holder, this);
    }

    /// <summary>Called by the compiled walk for each reference that is not an element.</summary>
    private void Consider(object? value)
    {
        if (value is not null && IsStructure(value, _holderType))
            _pending.Push((value, _holderType));
    }

    private bool FirstVisit(object holder)
    {
        if (_visitedMany is not null)
            return _visitedMany.Add(holder);
        foreach (var (original, _, _) in _objects)
        {
            if (ReferenceEquals(original, holder))
                return false;
        }
        foreach (var (array, _) in _arrays)
        {
            if (ReferenceEquals(array, holder))
                return false;
        }
        if (_objects.Count + _arrays.Count >= 8)
        {
            // A big structure (a tree): from here a set, so the walk stays linear.
            _visitedMany = new HashSet<object>(ReferenceEqualityComparer.Instance);
            foreach (var (original, _, _) in _objects)
                _visitedMany.Add(original);
            foreach (var (array, _) in _arrays)
                _visitedMany.Add(array);
            return _visitedMany.Add(holder);
        }
        return true;
    }

    /// <summary>
    /// Part of the structure of a <paramref name="holderType"/>, not an element or a shared
    /// service: arrays the framework object holds, its private helper objects, the enumerators it
    /// drives, and the public links of a chain (a StringBuilder's earlier chunks, a LinkedList's
    /// nodes). A public object met anywhere else (a StringBuilder stored in a LinkedList) is an element.
    /// </summary>
    private static bool IsStructure(object value, Type holderType)
    {
        var type = value.GetType();
        // An enumerator a framework object holds is its own (a LINQ iterator's source enumerator).
        if (value is Array || type == holderType || value is System.Collections.IEnumerator)
            return true;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(LinkedListNode<>))
            return holderType.IsGenericType && holderType.GetGenericTypeDefinition() == typeof(LinkedList<>);
        return s_frameworkInternal.GetOrAdd(type, static t =>
        {
            bool framework = t.Assembly == s_coreLibrary || t.Assembly.GetName().Name?.StartsWith("System.", StringComparison.Ordinal) == true;
            return framework && !t.IsVisible && !typeof(Delegate).IsAssignableFrom(t);
        });
    }

    /// <summary>What the snapshot needs of one type, compiled: copy every field back, and visit the references that may be structure.</summary>
    private sealed class Shape
    {
        public readonly Action<object, object> CopyFields;
        public readonly Action<object, ObjectSnapshot> VisitReferences;

        public Shape(Type type)
        {
            CopyFields = CompileCopy(type);
            VisitReferences = CompileWalk(type);
        }

        /// <summary><c>(target, source) => target.f = source.f</c> for every field; a boxed struct is copied whole.</summary>
        private static Action<object, object> CompileCopy(Type type)
        {
            var method = new DynamicMethod("copy_" + type.Name, null, [typeof(object), typeof(object)], typeof(ObjectSnapshot).Module, skipVisibility: true);
            var il = method.GetILGenerator();
            // A boxed struct: one store of the whole value through its unboxed address.
            var (load, store) = type.IsValueType ? (OpCodes.Ldobj, OpCodes.Stobj) : (OpCodes.Ldfld, OpCodes.Stfld);
            var fields = type.IsValueType ? [null] : InstanceFields(type);
            foreach (var field in fields)
            {
                LoadHolder(il, OpCodes.Ldarg_0, type);
                LoadHolder(il, OpCodes.Ldarg_1, type);
                if (field is null)
                {
                    il.Emit(load, type);
                    il.Emit(store, type);
                }
                else
                {
                    il.Emit(load, field);
                    il.Emit(store, field);
                }
            }
            il.Emit(OpCodes.Ret);
            return method.CreateDelegate<Action<object, object>>();
        }

        /// <summary>
        /// <c>(holder, snapshot) => snapshot.Consider(holder.f)</c> for every reference field that
        /// does not hold an element, including those inside struct fields (a generator's seed array).
        /// </summary>
        private static Action<object, ObjectSnapshot> CompileWalk(Type type)
        {
            var consider = typeof(ObjectSnapshot).GetMethod(nameof(Consider), BindingFlags.Instance | BindingFlags.NonPublic)!;
            var method = new DynamicMethod("walk_" + type.Name, null, [typeof(object), typeof(ObjectSnapshot)], typeof(ObjectSnapshot).Module, skipVisibility: true);
            var il = method.GetILGenerator();
            foreach (var path in ReferencePaths(type, depth: 0))
            {
                il.Emit(OpCodes.Ldarg_1);
                LoadHolder(il, OpCodes.Ldarg_0, type);
                for (int i = 0; i < path.Count; i++)
                    il.Emit(i < path.Count - 1 ? OpCodes.Ldflda : OpCodes.Ldfld, path[i]);
                il.Emit(OpCodes.Call, consider);
            }
            il.Emit(OpCodes.Ret);
            return method.CreateDelegate<Action<object, ObjectSnapshot>>();
        }

        /// <summary>Loads an argument as <paramref name="type"/>: a class reference, or the address inside a box.</summary>
        private static void LoadHolder(ILGenerator il, OpCode argument, Type type)
        {
            il.Emit(argument);
            il.Emit(type.IsValueType ? OpCodes.Unbox : OpCodes.Castclass, type);
        }

        /// <summary>Field paths to the references of <paramref name="type"/> that may be structure (struct fields looked into).</summary>
        private static IEnumerable<List<FieldInfo>> ReferencePaths(Type type, int depth)
        {
            foreach (var (field, holdsElement) in FieldsOf(type))
            {
                if (holdsElement || field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    continue;
                if (!field.FieldType.IsValueType)
                {
                    yield return [field];
                }
                else if (!field.FieldType.IsPrimitive && !field.FieldType.IsEnum && depth < 3)
                {
                    foreach (var inner in ReferencePaths(field.FieldType, depth + 1))
                        yield return [field, .. inner];
                }
            }
        }

        private static IEnumerable<FieldInfo?> InstanceFields(Type type) => FieldsOf(type).Select(f => f.Field);

        /// <summary>
        /// Every instance field of <paramref name="type"/> and its bases, and whether it holds an
        /// element: its declared type is a type parameter (a node's item is a <c>T</c>, whatever T is).
        /// </summary>
        private static IEnumerable<(FieldInfo Field, bool HoldsElement)> FieldsOf(Type type)
        {
            const BindingFlags declaredInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
            {
                var open = current.IsConstructedGenericType ? current.GetGenericTypeDefinition() : current;
                foreach (var field in current.GetFields(declaredInstance))
                    yield return (field, open.GetField(field.Name, declaredInstance)?.FieldType.IsGenericParameter == true);
            }
        }
    }
}
