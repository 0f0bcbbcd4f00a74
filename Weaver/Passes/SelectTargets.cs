using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Stm.Weaving.Il;

namespace Stm.Weaving.Passes;

/// <summary>
/// Pass 2: which types get barriers and which method bodies are instrumented. Left alone:
/// anything under [NoStm] (assembly, type and its nested types, method, property) or excluded by
/// the options' type patterns (or not included, when there are include patterns), static
/// constructors (they run once; rolling back their writes would break the type), attribute
/// classes (instantiated by reflection), and compiler support types.
/// </summary>
public static class SelectTargets
{
    public static void Run(WeavingContext context)
    {
        if (HasNoStm(context.Module.Assembly))
            return;
        foreach (var type in context.Module.GetTypes())
        {
            if (!IsWoven(type) || !context.Options.Selects(NameAndOuterNames(type)))
                continue;
            context.WovenTypes.Add(type);
            var noStmAccessors = new System.Collections.Generic.HashSet<MethodDefinition>(type.Properties.Where(HasNoStm).SelectMany(p => new[] { p.GetMethod, p.SetMethod }).Where(m => m is not null));
            foreach (var method in type.Methods)
            {
                if (!method.HasBody || (method.IsConstructor && method.IsStatic) || HasNoStm(method) || noStmAccessors.Contains(method))
                    continue;
                context.AddWovenMethod(method);
                if (method.CustomAttributes.Any(a => a.AttributeType.FullName == "Stm.AtomicAttribute"))
                    context.AtomicMethods.Add(method);
            }
        }
    }

    private static List<string> NameAndOuterNames(TypeDefinition type)
    {
        var names = new List<string>();
        for (var current = type; current is not null; current = current.DeclaringType)
            names.Add(current.FullName);
        return names;
    }

    private static bool IsWoven(TypeDefinition type)
    {
        if (type.Name is "<Module>" || type.Name.StartsWith("<PrivateImplementationDetails>", System.StringComparison.Ordinal) || type.IsEnum)
            return false;
        for (var outer = type; outer is not null; outer = outer.DeclaringType)
            if (HasNoStm(outer))
                return false;
        for (var baseType = type.BaseType; baseType is not null;)
        {
            string name = baseType.FullName;
            if (name is "System.Attribute" or "System.MulticastDelegate")
                return false;
            if (baseType.Scope is not ModuleDefinition)
                break;
            baseType = baseType.TryResolve()?.BaseType;
        }
        return true;
    }

    public static bool HasNoStm(ICustomAttributeProvider? provider) =>
        provider is not null && provider.CustomAttributes.Any(a => a.AttributeType.FullName == "Stm.NoStmAttribute");
}
