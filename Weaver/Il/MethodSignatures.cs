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
        var declaringType = site.DeclaringType;
        MethodReference reference = target;
        if (declaringType is GenericInstanceType || target.HasGenericParameters)
        {
            reference = new MethodReference(target.Name, target.ReturnType, declaringType) { HasThis = target.HasThis, CallingConvention = target.CallingConvention };
            foreach (var parameter in target.GenericParameters)
                reference.GenericParameters.Add(new GenericParameter(parameter.Name, reference));
            foreach (var parameter in target.Parameters)
                reference.Parameters.Add(new ParameterDefinition(parameter.ParameterType));
        }
        if (site is not GenericInstanceMethod instance)
            return reference;
        var call = new GenericInstanceMethod(reference);
        foreach (var argument in instance.GenericArguments)
            call.GenericArguments.Add(argument);
        return call;
    }
}
