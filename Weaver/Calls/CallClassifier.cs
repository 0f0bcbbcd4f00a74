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
        if (_exact.TryGetValue((type, callee.Name), out var kind) || _wholeType.TryGetValue(type, out kind))
            return kind;
        if (definition is not null && IsWovenAssembly(definition.Module))
            return CallKind.Woven;
        if (callee.Name == ".ctor" && type.StartsWith("System.", System.StringComparison.Ordinal))
            return callee.Parameters.All(p => TakesNoCallbacks(p.ParameterType)) ? CallKind.Pure : CallKind.CallsBack;
        return CallKind.Foreign;
    }

    /// <summary>
    /// A framework constructor only initializes its new object, unless an argument is an object it
    /// may call into (a user collection it enumerates, a comparer): values, strings, enums and
    /// delegates (stored, not invoked) are safe.
    /// </summary>
    private static bool TakesNoCallbacks(TypeReference type)
    {
        if (type.IsPrimitive || type.MetadataType is MetadataType.String || type.IsByReference || type.IsPointer)
            return true;
        var definition = type.TryResolve();
        return definition is not null && (definition.IsEnum || (definition.IsValueType && definition.Namespace.StartsWith("System", System.StringComparison.Ordinal)) ||
            definition.BaseType?.FullName == "System.MulticastDelegate" || definition.FullName is "System.Type" or "System.Exception");
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

    /// <summary><c>System.Collections.Generic.List`1&lt;int&gt;</c> → <c>System.Collections.Generic.List</c>.</summary>
    private static string TableName(TypeReference type)
    {
        string name = type.GetElementType().FullName;
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }
}
