using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Stm.Weaving.Il;

namespace Stm.Weaving.Passes;

/// <summary>
/// Pass 4: every field and array access of a woven method goes through a barrier.
/// <list type="bullet">
/// <item><c>ldfld/stfld/ldsfld/stsfld</c> of guarded fields call the field's accessors; <c>volatile.</c> prefixes go (the barrier orders the access).</item>
/// <item><c>ldflda/ldsflda/ldelema</c> open the location for write (its lock taken, its old value saved), so writes through the
///   address (ref locals, ref arguments, Interlocked, Volatile, calls on struct fields) are undone on abort; an address only
///   read at once (<c>ldflda F; ldfld G</c>, <c>ldobj</c>, <c>Volatile.Read</c>) becomes a plain read barrier instead.</item>
/// <item><c>ldelem*/stelem*</c> call <c>Barriers.LoadElement/StoreElement</c>; multi-dimensional <c>Get/Set/Address</c> of rank 2 and 3 likewise.</item>
/// </list>
/// Elided: readonly fields outside their type's constructors, statics written only by the static
/// constructor, thread-static fields, struct fields (their location is guarded where it lives).
/// </summary>
public static class RewriteAccesses
{
    public static void Run(WeavingContext context)
    {
        var accessors = new AccessorBuilder(context);
        context.ForEachMethod(context.WovenMethods, method => RewriteMethod(context, accessors, method));
    }

    private static void RewriteMethod(WeavingContext context, AccessorBuilder accessors, MethodDefinition method)
    {
        var editor = context.EditorFor(method.Body);
        foreach (var instruction in method.Body.Instructions.ToArray())
        {
            var barrier = BarrierFor(context, accessors, method, instruction);
            if (barrier is null)
            {
                if (IsAccess(instruction))
                    context.Reports.For(method).Elided++;
                continue;
            }
            context.Reports.For(method).Barriers++;
            var tx = context.TxLocal(method);
            bool isVolatile = instruction.Previous is { OpCode.Code: Code.Volatile };
            DropPrefixes(instruction);
            var plain = new PlainAccess(instruction.OpCode, instruction.Operand, isVolatile);
            if (instruction.OpCode.Code is Code.Ldflda or Code.Ldsflda or Code.Ldelema && ReadsAddressAtOnce(instruction))
            {
                plain = new PlainAccess(ValueOf(instruction.OpCode), instruction.Operand, isVolatile || IsVolatileRead(instruction.Next));
                DropReadThroughAddress(instruction);
            }
            var moved = editor.InsertBefore(instruction, [Instruction.Create(OpCodes.Ldloc, tx)]);
            moved.OpCode = OpCodes.Call;
            moved.Operand = context.Module.ImportReference(barrier);
            context.PlainAccesses[moved] = plain;
            context.DescriptorLoads.Add(instruction);
        }
    }

    /// <summary>The barrier that replaces <paramref name="instruction"/>, or null if it stays as it is.</summary>
    private static MethodReference? BarrierFor(WeavingContext context, AccessorBuilder accessors, MethodDefinition method, Instruction instruction)
    {
        var runtime = context.Runtime;
        var types = context.Module.TypeSystem;
        switch (instruction.OpCode.Code)
        {
            case Code.Ldfld:
            case Code.Stfld:
            case Code.Ldflda:
            {
                var access = (FieldReference)instruction.Operand;
                var field = access.TryResolve();
                if (field is null || !FieldPolicy.IsGuardedInstanceField(context, field) || !context.Headers.ContainsKey(field.DeclaringType))
                    return null;
                if (field.IsInitOnly && !(method.IsConstructor && method.DeclaringType == field.DeclaringType) && instruction.OpCode.Code != Code.Stfld)
                    return null;
                return accessors.For(access, field, KindOf(instruction));
            }
            case Code.Ldsfld:
            case Code.Stsfld:
            case Code.Ldsflda:
            {
                var access = (FieldReference)instruction.Operand;
                var field = access.TryResolve();
                if (field is not null && FieldPolicy.IsUndoneThreadStatic(context, field))
                    return KindOf(instruction) == AccessKind.Get ? null : accessors.For(access, field, KindOf(instruction));
                if (field is null || !FieldPolicy.IsGuardedStaticField(context, field))
                    return null;
                return accessors.For(access, field, KindOf(instruction));
            }
            case Code.Ldelem_Any or Code.Stelem_Any or Code.Ldelema when instruction.Operand is TypeReference { IsPointer: true } or TypeReference { IsFunctionPointer: true }:
                // No generic over a pointer element; pointers are not tracked (docs/weaver.md, limits).
                return null;
            case Code.Ldelem_I1: return runtime.Barrier("LoadElement", types.SByte, 1);
            case Code.Ldelem_U1: return runtime.Barrier("LoadElement", types.Byte, 1);
            case Code.Ldelem_I2: return runtime.Barrier("LoadElement", types.Int16, 1);
            case Code.Ldelem_U2: return runtime.Barrier("LoadElement", types.UInt16, 1);
            case Code.Ldelem_I4: return runtime.Barrier("LoadElement", types.Int32, 1);
            case Code.Ldelem_U4: return runtime.Barrier("LoadElement", types.UInt32, 1);
            case Code.Ldelem_I8: return runtime.Barrier("LoadElement", types.Int64, 1);
            case Code.Ldelem_I: return runtime.Barrier("LoadElement", types.IntPtr, 1);
            case Code.Ldelem_R4: return runtime.Barrier("LoadElement", types.Single, 1);
            case Code.Ldelem_R8: return runtime.Barrier("LoadElement", types.Double, 1);
            case Code.Ldelem_Ref: return runtime.Barrier("LoadElement", types.Object, 1);
            case Code.Ldelem_Any: return runtime.Barrier("LoadElement", (TypeReference)instruction.Operand, 1);
            case Code.Stelem_I1: return runtime.Barrier("StoreElement", types.SByte, 1);
            case Code.Stelem_I2: return runtime.Barrier("StoreElement", types.Int16, 1);
            case Code.Stelem_I4: return runtime.Barrier("StoreElement", types.Int32, 1);
            case Code.Stelem_I8: return runtime.Barrier("StoreElement", types.Int64, 1);
            case Code.Stelem_I: return runtime.Barrier("StoreElement", types.IntPtr, 1);
            case Code.Stelem_R4: return runtime.Barrier("StoreElement", types.Single, 1);
            case Code.Stelem_R8: return runtime.Barrier("StoreElement", types.Double, 1);
            case Code.Stelem_Ref: return runtime.Barrier("StoreElement", types.Object, 1);
            case Code.Stelem_Any: return runtime.Barrier("StoreElement", (TypeReference)instruction.Operand, 1);
            case Code.Ldelema:
                return runtime.Barrier(ReadsAddressAtOnce(instruction) ? "LoadElement" : "OpenElement", (TypeReference)instruction.Operand, 1);
            case Code.Call when instruction.Operand is MethodReference { DeclaringType: ArrayType { Rank: 2 or 3 } array } accessor:
                string? name = accessor.Name switch
                {
                    "Get" => "LoadElement",
                    "Set" => "StoreElement",
                    "Address" => "OpenElement",
                    _ => null,
                };
                return name is null ? null : runtime.Barrier(name, array.ElementType, array.Rank);
            case Code.Call when instruction.Operand is MethodReference { DeclaringType: ArrayType { Rank: > 3 } }:
                context.Report(DiagnosticSeverity.Warning, "STM2001", "Accesses to arrays of rank above 3 are not tracked.", method, instruction);
                return null;
            default:
                return null;
        }
    }

    /// <summary>The instruction that loads the value an address instruction points at.</summary>
    private static OpCode ValueOf(OpCode address) => address.Code switch
    {
        Code.Ldflda => OpCodes.Ldfld,
        Code.Ldsflda => OpCodes.Ldsfld,
        _ => OpCodes.Ldelem_Any,
    };

    private static bool IsAccess(Instruction instruction) => instruction.OpCode.Code is
        Code.Ldfld or Code.Stfld or Code.Ldflda or Code.Ldsfld or Code.Stsfld or Code.Ldsflda or Code.Ldelema or Code.Ldelem_Any or Code.Stelem_Any ||
        instruction.OpCode.Code is >= Code.Ldelem_I1 and <= Code.Ldelem_Ref || instruction.OpCode.Code is >= Code.Stelem_I and <= Code.Stelem_Ref;

    private static AccessKind KindOf(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Ldfld or Code.Ldsfld => AccessKind.Get,
        Code.Stfld or Code.Stsfld => AccessKind.Set,
        _ => ReadsAddressAtOnce(instruction) ? AccessKind.Get : AccessKind.Open,
    };

    /// <summary>
    /// An address whose next instruction only reads through it: <c>ldfld</c> of a struct field
    /// (which also accepts the struct value), <c>ldobj</c> or <c>Volatile.Read</c>. The barrier
    /// then pushes the value (and <see cref="DropReadThroughAddress"/> removes the <c>ldobj</c> or call).
    /// </summary>
    private static bool ReadsAddressAtOnce(Instruction address) =>
        address.OpCode.Code != Code.Stfld && address.Next is { } next &&
        (next.OpCode.Code is Code.Ldfld or Code.Ldobj || IsVolatileRead(next));

    private static bool IsVolatileRead(Instruction instruction) =>
        instruction.OpCode.Code == Code.Call && instruction.Operand is MethodReference { Name: "Read", DeclaringType.FullName: "System.Threading.Volatile" };

    /// <summary>The read barrier already pushes the value an <c>ldobj</c> or <c>Volatile.Read</c> after the address would load.</summary>
    private static void DropReadThroughAddress(Instruction address)
    {
        var next = address.Next;
        if (next.OpCode.Code == Code.Ldobj || IsVolatileRead(next))
        {
            next.OpCode = OpCodes.Nop;
            next.Operand = null;
        }
    }

    /// <summary><c>volatile.</c>/<c>unaligned.</c>/<c>readonly.</c> before a replaced access become <c>nop</c> (a branch may target them).</summary>
    private static void DropPrefixes(Instruction instruction)
    {
        for (var previous = instruction.Previous; previous is { OpCode.OpCodeType: OpCodeType.Prefix }; previous = previous.Previous)
        {
            previous.OpCode = OpCodes.Nop;
            previous.Operand = null;
        }
    }
}
