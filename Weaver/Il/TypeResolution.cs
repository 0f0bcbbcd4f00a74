using System;
using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Stm.Weaving.Il;

/// <summary>Types with generic parameters replaced: as a caller sees a callee's, or in a cloned method.</summary>
public static class TypeResolution
{
    /// <summary>The type a call pushes, as the caller sees it (the callee's generic parameters substituted), or null if it pushes nothing.</summary>
    public static TypeReference? PushedType(Instruction call)
    {
        var method = (MethodReference)call.Operand;
        if (call.OpCode.Code == Code.Newobj)
            return method.DeclaringType;
        if (method.ReturnType.IsVoid())
            return null;
        return AsCallerSees(method, method.ReturnType);
    }

    /// <summary>A type of <paramref name="method"/>'s signature as its caller sees it: generic parameters substituted, modifiers dropped (a local's type carries none).</summary>
    public static TypeReference AsCallerSees(MethodReference method, TypeReference type) =>
        Replace(type, parameter => parameter switch
        {
            { Type: GenericParameterType.Method } when method is GenericInstanceMethod instance => instance.GenericArguments[parameter.Position],
            { Type: GenericParameterType.Type } when method.DeclaringType is GenericInstanceType owner => owner.GenericArguments[parameter.Position],
            _ => null,
        }, dropModifiers: true);

    /// <summary><paramref name="type"/> with the generic parameters in <paramref name="map"/> replaced.</summary>
    public static TypeReference Remap(TypeReference type, IReadOnlyDictionary<GenericParameter, GenericParameter> map) =>
        Replace(type, parameter => map.TryGetValue(parameter, out var replacement) ? replacement : null, dropModifiers: false);

    private static TypeReference Replace(TypeReference type, Func<GenericParameter, TypeReference?> replace, bool dropModifiers)
    {
        switch (type)
        {
            case GenericParameter parameter:
                return replace(parameter) ?? parameter;
            case ByReferenceType byReference:
                return new ByReferenceType(Replace(byReference.ElementType, replace, dropModifiers));
            case PointerType pointer:
                return new PointerType(Replace(pointer.ElementType, replace, dropModifiers));
            case ArrayType array:
                return new ArrayType(Replace(array.ElementType, replace, dropModifiers), array.Rank);
            case GenericInstanceType instance:
                var replaced = new GenericInstanceType(instance.ElementType);
                foreach (var argument in instance.GenericArguments)
                    replaced.GenericArguments.Add(Replace(argument, replace, dropModifiers));
                return replaced;
            case IModifierType modified when dropModifiers:
                return Replace(modified.ElementType, replace, dropModifiers);
            default:
                return type;
        }
    }
}
