using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Stm.Weaving.Il;

/// <summary>The type a call pushes, as the caller sees it (callee generic parameters substituted).</summary>
public static class TypeResolution
{
    /// <summary>The pushed type, or null if the instruction pushes nothing.</summary>
    public static TypeReference? PushedType(Instruction call)
    {
        var method = (MethodReference)call.Operand;
        if (call.OpCode.Code == Code.Newobj)
            return method.DeclaringType;
        if (method.ReturnType.IsVoid())
            return null;
        return Substitute(method.ReturnType, method);
    }

    /// <summary><paramref name="type"/> with the generic parameters in <paramref name="map"/> replaced.</summary>
    public static TypeReference Remap(TypeReference type, System.Collections.Generic.IReadOnlyDictionary<GenericParameter, GenericParameter> map)
    {
        switch (type)
        {
            case GenericParameter parameter:
                return map.TryGetValue(parameter, out var replacement) ? replacement : parameter;
            case ByReferenceType byReference:
                return new ByReferenceType(Remap(byReference.ElementType, map));
            case PointerType pointer:
                return new PointerType(Remap(pointer.ElementType, map));
            case ArrayType array:
                return new ArrayType(Remap(array.ElementType, map), array.Rank);
            case GenericInstanceType instance:
                var remapped = new GenericInstanceType(instance.ElementType);
                foreach (var argument in instance.GenericArguments)
                    remapped.GenericArguments.Add(Remap(argument, map));
                return remapped;
            default:
                return type;
        }
    }

    private static TypeReference Substitute(TypeReference type, MethodReference context)
    {
        switch (type)
        {
            case GenericParameter { Type: GenericParameterType.Method } parameter when context is GenericInstanceMethod method:
                return method.GenericArguments[parameter.Position];
            case GenericParameter { Type: GenericParameterType.Type } parameter when context.DeclaringType is GenericInstanceType owner:
                return owner.GenericArguments[parameter.Position];
            case ByReferenceType byReference:
                return new ByReferenceType(Substitute(byReference.ElementType, context));
            case PointerType pointer:
                return new PointerType(Substitute(pointer.ElementType, context));
            case ArrayType array:
                return new ArrayType(Substitute(array.ElementType, context), array.Rank);
            case GenericInstanceType instance:
                var substituted = new GenericInstanceType(instance.ElementType);
                foreach (var argument in instance.GenericArguments.Select(a => Substitute(a, context)))
                    substituted.GenericArguments.Add(argument);
                return substituted;
            case RequiredModifierType required:
                return Substitute(required.ElementType, context);
            case OptionalModifierType optional:
                return Substitute(optional.ElementType, context);
            default:
                return type;
        }
    }
}
