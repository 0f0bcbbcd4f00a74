using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Stm.Weaving.Il;
using Mono.Cecil.Cil;

namespace Stm.Weaving.Passes;

/// <summary>
/// Pass 3: one 64-bit lock word per object. The root-most woven class of a hierarchy that has
/// instance fields to guard gets a field <c>&lt;stm&gt;header</c>; woven classes below it share
/// it. Every constructor of the class that declares it stores <c>Barriers.NewHeader()</c> first:
/// the new object is captured by the running attempt, so writes to it need no lock and no undo.
/// </summary>
public static class InjectHeaders
{
    public const string HeaderName = "<stm>header";

    public static void Run(WeavingContext context)
    {
        var needing = ClassesWithGuardedFieldsBelow(context);
        foreach (var type in context.WovenTypes.ToList())
            HeaderOf(context, type, needing);
    }

    /// <summary>Woven classes that declare guarded fields or have a woven subclass (in this module) that does.</summary>
    private static HashSet<TypeDefinition> ClassesWithGuardedFieldsBelow(WeavingContext context)
    {
        var needing = new HashSet<TypeDefinition>();
        foreach (var type in context.WovenTypes.Where(t => t.Fields.Any(f => FieldPolicy.IsGuardedInstanceField(context, f))))
        {
            for (var current = type; current is not null && current.Module == context.Module && needing.Add(current);)
                current = current.BaseType?.TryResolve();
        }
        return needing;
    }

    /// <summary>The header guarding <paramref name="type"/>'s instance fields, created on first need.</summary>
    private static FieldDefinition? HeaderOf(WeavingContext context, TypeDefinition type, HashSet<TypeDefinition> needing)
    {
        if (context.Headers.TryGetValue(type, out var known))
            return known;
        if (type.IsValueType || type.IsInterface || !context.WovenTypes.Contains(type))
            return null;
        var inherited = type.BaseType?.TryResolve() is { } baseType && baseType.Module == context.Module ? HeaderOf(context, baseType, needing) : null;
        if (inherited is not null)
            return context.Headers[type] = inherited;
        if (!needing.Contains(type))
            return null;
        var header = new FieldDefinition(HeaderName, FieldAttributes.FamORAssem | FieldAttributes.NotSerialized, context.Module.TypeSystem.Int64);
        type.Fields.Add(header);
        context.Headers[type] = header;
        InitializeInConstructors(context, type, header);
        return header;
    }

    private static void InitializeInConstructors(WeavingContext context, TypeDefinition type, FieldDefinition header)
    {
        FieldReference headerReference = type.HasGenericParameters ? FieldPolicy.OnSelf(header, type) : header;
        foreach (var constructor in type.Methods.Where(m => m.IsConstructor && !m.IsStatic && m.HasBody))
        {
            var il = constructor.Body.GetILProcessor();
            var first = constructor.Body.Instructions[0];
            il.InsertBefore(first, Instruction.Create(OpCodes.Ldarg_0));
            il.InsertBefore(first, Instruction.Create(OpCodes.Call, context.Runtime.NewHeader));
            il.InsertBefore(first, Instruction.Create(OpCodes.Stfld, headerReference));
        }
    }
}
