using Mono.Cecil;
using Stm.Weaving.Il;
using Mono.Cecil.Cil;

namespace Stm.Weaving.Passes;

/// <summary>Which accessor of a field a rewritten access calls.</summary>
public enum AccessKind
{
    Get,
    Set,
    Open,
}

/// <summary>
/// Generates, on first use, the small static accessors a rewritten field access calls, in the
/// field's own type (so private fields and generic instantiations work): e.g. for an instance
/// field <c>T F</c>, <c>static T &lt;stm&gt;get_F(C self, TxDescriptor tx) =&gt;
/// Barriers.ReadField(tx, self, ref self.&lt;stm&gt;header, ref self.F)</c>. The arguments come in
/// the order the IL stack has them at the original instruction, the descriptor last, so one
/// <c>ldfld</c> becomes <c>ldloc tx; call</c>. They are marked for aggressive inlining.
/// </summary>
public sealed class AccessorBuilder
{
    private readonly WeavingContext _context;

    public AccessorBuilder(WeavingContext context)
    {
        _context = context;
    }

    /// <summary>The call-site reference to <paramref name="kind"/> of the field <paramref name="access"/> names.</summary>
    public MethodReference For(FieldReference access, FieldDefinition field, AccessKind kind)
    {
        if (!_context.Accessors.TryGetValue(field, out var accessors))
            _context.Accessors[field] = accessors = new FieldAccessors();
        var definition = kind switch
        {
            AccessKind.Get => accessors.Get ??= Create(field, kind),
            AccessKind.Set => accessors.Set ??= Create(field, kind),
            _ => accessors.Open ??= Create(field, kind),
        };
        if (!field.DeclaringType.HasGenericParameters)
            return definition;
        return MethodSignatures.ReferenceOn(access.DeclaringType, definition);
    }

    private MethodDefinition Create(FieldDefinition field, AccessKind kind)
    {
        var type = field.DeclaringType;
        var module = _context.Module;
        var runtime = _context.Runtime;
        var valueType = field.FieldType;
        var returnType = kind switch
        {
            AccessKind.Get => valueType,
            AccessKind.Set => module.TypeSystem.Void,
            _ => new ByReferenceType(valueType),
        };
        var attributes = MethodAttributes.Static | MethodAttributes.HideBySig | (MethodAttributes)(ushort)(field.Attributes & FieldAttributes.FieldAccessMask);
        var method = new MethodDefinition($"<stm>{Prefix(field, kind)}_{field.Name}", attributes, returnType)
        {
            ImplAttributes = MethodImplAttributes.AggressiveInlining,
        };
        var fieldOnSelf = type.HasGenericParameters ? FieldPolicy.OnSelf(field, type) : (FieldReference)field;
        // A generic cannot be instantiated over a pointer: a pointer field goes through the barrier as
        // the native int it is (the same stack type; the field's address passes as a ref to one).
        var barrierType = valueType.IsPointer || valueType.IsFunctionPointer ? module.TypeSystem.IntPtr : valueType;
        var il = method.Body.GetILProcessor();
        if (field.IsStatic && FieldPolicy.IsUndoneThreadStatic(_context, field))
        {
            // A [ThreadStatic] write or address: no lock word, the old value logged (found again through the locator on this thread).
            if (kind == AccessKind.Set)
                method.Parameters.Add(new ParameterDefinition("value", ParameterAttributes.None, valueType));
            var tx = new ParameterDefinition("tx", ParameterAttributes.None, runtime.TxDescriptor);
            method.Parameters.Add(tx);
            il.Emit(OpCodes.Ldarg, tx);
            if (kind == AccessKind.Set)
                il.Emit(OpCodes.Ldarg, method.Parameters[0]);
            il.Emit(OpCodes.Ldftn, Locator(field, fieldOnSelf));
            il.Emit(OpCodes.Call, runtime.Barrier(kind == AccessKind.Set ? "WriteThreadStatic" : "OpenThreadStatic", barrierType));
        }
        else if (field.IsStatic)
        {
            if (kind == AccessKind.Set)
                method.Parameters.Add(new ParameterDefinition("value", ParameterAttributes.None, valueType));
            var tx = new ParameterDefinition("tx", ParameterAttributes.None, runtime.TxDescriptor);
            method.Parameters.Add(tx);
            il.Emit(OpCodes.Ldarg, tx);
            il.Emit(OpCodes.Ldsflda, fieldOnSelf);
            il.Emit(OpCodes.Ldc_I4, StableKey(field));
            if (kind == AccessKind.Get)
            {
                il.Emit(OpCodes.Call, runtime.Barrier("ReadStatic", barrierType));
            }
            else
            {
                il.Emit(OpCodes.Ldftn, Locator(field, fieldOnSelf));
                if (kind == AccessKind.Set)
                    il.Emit(OpCodes.Ldarg, method.Parameters[0]);
                il.Emit(OpCodes.Call, runtime.Barrier(kind == AccessKind.Set ? "WriteStatic" : "OpenStatic", barrierType));
            }
        }
        else
        {
            var header = _context.Headers[type];
            FieldReference headerOnSelf = header.DeclaringType.HasGenericParameters || type.HasGenericParameters
                ? new FieldReference(header.Name, header.FieldType, HeaderOwnerSeenFrom(type, header))
                : header;
            var self = new ParameterDefinition("self", ParameterAttributes.None, FieldPolicy.SelfType(type));
            method.Parameters.Add(self);
            if (kind == AccessKind.Set)
                method.Parameters.Add(new ParameterDefinition("value", ParameterAttributes.None, valueType));
            var tx = new ParameterDefinition("tx", ParameterAttributes.None, runtime.TxDescriptor);
            method.Parameters.Add(tx);
            il.Emit(OpCodes.Ldarg, tx);
            il.Emit(OpCodes.Ldarg, self);
            il.Emit(OpCodes.Ldarg, self);
            il.Emit(OpCodes.Ldflda, headerOnSelf);
            il.Emit(OpCodes.Ldarg, self);
            il.Emit(OpCodes.Ldflda, fieldOnSelf);
            if (kind == AccessKind.Set)
                il.Emit(OpCodes.Ldarg, method.Parameters[1]);
            il.Emit(OpCodes.Call, runtime.Barrier(kind switch { AccessKind.Get => "ReadField", AccessKind.Set => "WriteField", _ => "OpenField" }, barrierType));
        }
        il.Emit(OpCodes.Ret);
        type.Methods.Add(method);
        _context.Generated.Add(method);
        return method;
    }

    /// <summary><c>static ref T &lt;stm&gt;locate_F() =&gt; ref F;</c>: the undo log's handle on a static field.</summary>
    private MethodReference Locator(FieldDefinition field, FieldReference fieldOnSelf)
    {
        var type = field.DeclaringType;
        string name = $"<stm>locate_{field.Name}";
        MethodDefinition? locator = null;
        foreach (var method in type.Methods)
            if (method.Name == name)
                locator = method;
        if (locator is null)
        {
            locator = new MethodDefinition(name, MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig, new ByReferenceType(field.FieldType));
            var il = locator.Body.GetILProcessor();
            il.Emit(OpCodes.Ldsflda, fieldOnSelf);
            il.Emit(OpCodes.Ret);
            type.Methods.Add(locator);
            _context.Generated.Add(locator);
        }
        if (!type.HasGenericParameters)
            return locator;
        return MethodSignatures.ReferenceOn(FieldPolicy.SelfType(type), locator);
    }

    /// <summary>The class declaring the header, as seen from <paramref name="type"/> (through its base-type chain, generic arguments included).</summary>
    private static TypeReference HeaderOwnerSeenFrom(TypeDefinition type, FieldDefinition header)
    {
        // The chain from a class to its header stays inside the module: it always resolves.
        TypeReference current = FieldPolicy.SelfType(type);
        while (current.Resolve() != header.DeclaringType)
        {
            var baseType = current.Resolve().BaseType;
            if (current is GenericInstanceType instance && baseType is GenericInstanceType genericBase)
            {
                var substituted = new GenericInstanceType(genericBase.ElementType);
                foreach (var argument in genericBase.GenericArguments)
                    substituted.GenericArguments.Add(argument is GenericParameter { Type: GenericParameterType.Type } p ? instance.GenericArguments[p.Position] : argument);
                baseType = substituted;
            }
            current = baseType;
        }
        return current;
    }

    private static string Prefix(FieldDefinition field, AccessKind kind) => (field.IsStatic ? "s" : "") + kind switch
    {
        AccessKind.Get => "get",
        AccessKind.Set => "set",
        _ => "open",
    };

    /// <summary>A stable 32-bit id of a static field (its stripe): FNV-1a of the module and field names.</summary>
    private static int StableKey(FieldDefinition field)
    {
        uint hash = 2166136261;
        foreach (char c in field.Module.Name + "|" + field.FullName)
            hash = (hash ^ c) * 16777619;
        return (int)hash;
    }
}
