using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Stm.Weaving.Il;

namespace Stm.Weaving;

/// <summary>Decides, per call site, whether the callee is woven, and otherwise looks it up in the <see cref="CallTable"/>.</summary>
public sealed class CallClassifier
{
    private readonly WeavingContext _context;
    private readonly Dictionary<(string, string), CallKind> _exact = [];
    private readonly Dictionary<string, CallKind> _wholeType = [];
    private readonly Dictionary<string, bool> _wovenAssemblies = [];
    private readonly Dictionary<string, string> _tableNames = [];

    public CallClassifier(WeavingContext context)
    {
        _context = context;
        // The user's rows last: they replace shipped rows for the same type and method.
        foreach (var (type, method, kind) in CallTable.Rows.Select(r => (r.Type, r.Method, r.Kind)).Concat(context.Options.Calls.Select(r => (r.Type, r.Method, r.Kind))))
        {
            if (method == "*")
                _wholeType[type] = kind;
            else
                _exact[(type, method)] = kind;
        }
    }

    /// <summary>
    /// A <c>constrained. S callvirt I::M</c> call on a value type S runs S's own M: that is the
    /// method classified (an enumerator struct's Dispose, not any IDisposable's).
    /// </summary>
    public CallKind ClassifyConstrained(MethodReference callee, TypeReference constrained)
    {
        if (constrained is GenericParameter || constrained.TryResolve() is not { IsValueType: true } structType)
            return Classify(callee);
        var own = structType.Methods.FirstOrDefault(m =>
            (m.Name == callee.Name || m.Name.EndsWith("." + callee.Name, System.StringComparison.Ordinal)) && m.Parameters.Count == callee.Parameters.Count);
        return own is null ? Classify(callee) : Classify(MethodSignatures.ReferenceOn(constrained, own));
    }

    public CallKind Classify(MethodReference callee)
    {
        if (callee.DeclaringType is ArrayType)
            return CallKind.Pure;
        var definition = callee.TryResolve();
        if (definition is not null && IsDelegateInvoke(definition))
            return CallKind.CallsBack;
        if (definition is not null && definition.Module == _context.Module)
        {
            if (_context.Trivial.Contains(definition) && (!definition.IsVirtual || definition.IsFinal || definition.DeclaringType.IsSealed))
                return CallKind.Pure;
            return _context.IsWoven(definition) || IsWovenVirtual(definition) ? CallKind.Woven : CallKind.Foreign;
        }
        string type = TableName(callee.DeclaringType);
        if (_exact.TryGetValue((type, callee.Name), out var kind))
            return kind;
        if (CreatesWritableSpan(callee))
            return CallKind.Irrevocable;
        if (callee.Name == ".ctor" && type.StartsWith("System.", System.StringComparison.Ordinal))
            return ClassifyFrameworkConstructor(callee, type);
        if (_wholeType.TryGetValue(type, out kind))
            return kind;
        if (definition is not null && IsWovenAssembly(definition.Module))
            return CallKind.Woven;
        return CallKind.Foreign;
    }

    /// <summary>
    /// A framework constructor only initializes its new object. A collection built from another
    /// one reads it (object-level); otherwise it is pure unless an argument is an object it may
    /// call into.
    /// </summary>
    private CallKind ClassifyFrameworkConstructor(MethodReference constructor, string type)
    {
        if (_wholeType.TryGetValue(type, out var kind) && kind == CallKind.ObjectWrite)
            return CallKind.ObjectRead;
        return constructor.Parameters.All(p => TakesNoCallbacks(p.ParameterType)) ? CallKind.Pure : CallKind.CallsBack;
    }

    /// <summary>
    /// Values, strings, enums and delegates (stored, not invoked) are safe constructor arguments;
    /// an object the constructor may call into (a user collection it enumerates, a comparer) is not.
    /// </summary>
    private static bool TakesNoCallbacks(TypeReference type)
    {
        if (type.IsPrimitive || type.MetadataType is MetadataType.String || type.IsByReference || type.IsPointer)
            return true;
        var definition = type.TryResolve();
        return definition is not null && (definition.IsEnum || (definition.IsValueType && definition.Namespace.StartsWith("System", System.StringComparison.Ordinal)) ||
            definition.BaseType?.FullName == "System.MulticastDelegate" || definition.FullName is "System.Type" or "System.Exception");
    }

    /// <summary>
    /// A framework call that makes a writable <c>Span&lt;T&gt;</c> over memory it is not given as a
    /// span (an array, a list's storage, a <c>Memory&lt;T&gt;</c>, a reference): writes through the
    /// span bypass the barriers, so an abort would not undo them. The transaction becomes
    /// inevitable before the call and never aborts. (BitFaster.Caching drains its buffers through
    /// array spans: an abort restored the head index but not the emptied slots, and the next reader
    /// waited forever for an item that was gone.) Slicing or casting a span makes no new view.
    /// </summary>
    private static bool CreatesWritableSpan(MethodReference callee)
    {
        bool makesSpan = callee.Name == ".ctor" ? IsSpan(callee.DeclaringType) : IsSpan(callee.ReturnType) && callee.Name != "get_Empty";
        return makesSpan && !(callee.HasThis && IsSpan(callee.DeclaringType)) && !callee.Parameters.Any(p => IsSpan(p.ParameterType));
    }

    private static bool IsSpan(TypeReference type)
    {
        type = type.WithoutModifiers();
        if (type is ByReferenceType byReference)
            type = byReference.ElementType;
        return type.GetElementType().FullName == "System.Span`1";
    }

    /// <summary>An abstract or interface method of this module: its implementations are woven.</summary>
    private bool IsWovenVirtual(MethodDefinition method) => !method.HasBody && _context.WovenTypes.Contains(method.DeclaringType);

    private static bool IsDelegateInvoke(MethodDefinition method) =>
        method.Name == "Invoke" && method.DeclaringType.BaseType?.FullName == "System.MulticastDelegate";

    private bool IsWovenAssembly(ModuleDefinition module)
    {
        string name = module.Assembly?.Name.Name ?? module.Name;
        if (!_wovenAssemblies.TryGetValue(name, out bool woven))
        {
            woven = module.Assembly?.CustomAttributes.Any(a => a.AttributeType.FullName == "Stm.Abi.StmWovenAttribute") == true;
            _wovenAssemblies[name] = woven;
        }
        return woven;
    }

    /// <summary><c>System.Collections.Generic.Dictionary`2/KeyCollection&lt;int,int&gt;</c> → <c>System.Collections.Generic.Dictionary/KeyCollection</c>.</summary>
    private string TableName(TypeReference type)
    {
        string name = type.GetElementType().FullName;
        if (!_tableNames.TryGetValue(name, out string? tableName))
            _tableNames[name] = tableName = System.Text.RegularExpressions.Regex.Replace(name, "`[0-9]+", "");
        return tableName;
    }
}
