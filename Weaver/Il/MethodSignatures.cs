using System.Collections.Generic;
using Mono.Cecil;

namespace Stm.Weaving.Il;

/// <summary>Building methods that mirror another one's signature, and references to them.</summary>
public static class MethodSignatures
{
    /// <summary>Gives <paramref name="target"/> copies of <paramref name="source"/>'s generic parameters (constraints remapped); returns the mapping.</summary>
    public static Dictionary<GenericParameter, GenericParameter> CloneGenericParameters(MethodDefinition source, MethodDefinition target)
    {
        var map = new Dictionary<GenericParameter, GenericParameter>();
        foreach (var parameter in source.GenericParameters)
        {
            var clone = new GenericParameter(parameter.Name, target) { Attributes = parameter.Attributes };
            target.GenericParameters.Add(clone);
            map[parameter] = clone;
        }
        for (int i = 0; i < source.GenericParameters.Count; i++)
            foreach (var constraint in source.GenericParameters[i].Constraints)
                target.GenericParameters[i].Constraints.Add(new GenericParameterConstraint(TypeResolution.Remap(constraint.ConstraintType, map)));
        return map;
    }

    /// <summary>
    /// A reference to <paramref name="target"/> (a method of the same type as <paramref name="site"/>'s
    /// callee) instantiated as <paramref name="site"/> is: same declaring type instance, same method
    /// generic arguments.
    /// </summary>
    public static MethodReference SameInstantiation(MethodReference site, MethodDefinition target)
    {
        MethodReference reference = site.DeclaringType is GenericInstanceType || target.HasGenericParameters
            ? ReferenceOn(site.DeclaringType, target)
            : target;
        return site is GenericInstanceMethod instance ? Instantiate(reference, instance.GenericArguments) : reference;
    }

    /// <summary><paramref name="method"/> as called from inside its own type: over the type's and its own generic parameters.</summary>
    public static MethodReference SelfReference(MethodDefinition method)
    {
        var type = method.DeclaringType;
        MethodReference reference = type.HasGenericParameters ? ReferenceOn(Passes.FieldPolicy.SelfType(type), method) : method;
        return method.HasGenericParameters ? Instantiate(reference, method.GenericParameters) : reference;
    }

    /// <summary>A reference to <paramref name="target"/> on <paramref name="declaringType"/> (an instance of its generic type).</summary>
    public static MethodReference ReferenceOn(TypeReference declaringType, MethodDefinition target)
    {
        var reference = new MethodReference(target.Name, target.ReturnType, declaringType) { HasThis = target.HasThis, CallingConvention = target.CallingConvention };
        foreach (var parameter in target.GenericParameters)
            reference.GenericParameters.Add(new GenericParameter(parameter.Name, reference));
        foreach (var parameter in target.Parameters)
            reference.Parameters.Add(new ParameterDefinition(parameter.ParameterType));
        return reference;
    }

    private static GenericInstanceMethod Instantiate(MethodReference method, IEnumerable<TypeReference> arguments)
    {
        var instance = new GenericInstanceMethod(method);
        foreach (var argument in arguments)
            instance.GenericArguments.Add(argument);
        return instance;
    }
}
