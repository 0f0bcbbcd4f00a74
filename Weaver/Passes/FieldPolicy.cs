using System.Linq;
using Mono.Cecil;

namespace Stm.Weaving.Passes;

/// <summary>Which fields get barriers (shared by the header and access passes).</summary>
public static class FieldPolicy
{
    /// <summary>An instance field of a woven class that a lock word guards.</summary>
    public static bool IsGuardedInstanceField(WeavingContext context, FieldDefinition field) =>
        !field.IsStatic && !field.DeclaringType.IsValueType && context.WovenTypes.Contains(field.DeclaringType) &&
        field.Name != InjectHeaders.HeaderName && !SelectTargets.HasNoStm(field);

    /// <summary>A static field of a woven type that needs barriers: not readonly (written only by the static constructor), not thread-static, not a constant.</summary>
    public static bool IsGuardedStaticField(WeavingContext context, FieldDefinition field) =>
        IsWovenStatic(context, field) && !IsThreadStatic(field);

    /// <summary>
    /// A [ThreadStatic] field of a woven type: no other thread sees it, so it needs no lock word,
    /// but its writes are logged so that a restart finds it as it was.
    /// </summary>
    public static bool IsUndoneThreadStatic(WeavingContext context, FieldDefinition field) =>
        IsWovenStatic(context, field) && IsThreadStatic(field);

    private static bool IsWovenStatic(WeavingContext context, FieldDefinition field) =>
        field.IsStatic && !field.IsLiteral && !field.IsInitOnly && context.WovenTypes.Contains(field.DeclaringType) && !SelectTargets.HasNoStm(field);

    private static bool IsThreadStatic(FieldDefinition field) =>
        field.CustomAttributes.Any(a => a.AttributeType.FullName == "System.ThreadStaticAttribute");

    /// <summary><paramref name="field"/> as seen from inside its own (generic) type.</summary>
    public static FieldReference OnSelf(FieldDefinition field, TypeDefinition type) =>
        new(field.Name, field.FieldType, SelfType(type));

    /// <summary>A generic type as seen from inside itself: instantiated over its own parameters.</summary>
    public static TypeReference SelfType(TypeDefinition type)
    {
        if (!type.HasGenericParameters)
            return type;
        var self = new GenericInstanceType(type);
        foreach (var parameter in type.GenericParameters)
            self.GenericArguments.Add(parameter);
        return self;
    }
}
