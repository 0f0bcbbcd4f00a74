using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Stm.Weaving.Il;

namespace Stm.Weaving.Passes;

/// <summary>
/// Pass 6: small methods that cannot commit. A *leaf* has barriers but no loop, no exception
/// handler and calls only code that cannot commit (pure calls, other leaves): it needs no frame.
/// Each leaf gets a twin <c>&lt;stm&gt;leaf_M(…, TxDescriptor tx)</c> with the same body, and woven
/// callers that dispatch to it statically call the twin with their own descriptor: no thread-static
/// lookup, no check that a transaction runs, no return site (the callee cannot commit), and a body
/// small enough for the JIT to inline. A *trivial* method (no barrier, no loop, only such calls) is
/// not instrumented at all, and calls to it are pure.
/// </summary>
public static class SpecializeLeaves
{
    public static void Run(WeavingContext context)
    {
        Classify(context);
        var twins = new Dictionary<MethodDefinition, MethodDefinition>();
        foreach (var leaf in context.Leaves)
            twins[leaf] = CreateTwin(context, leaf);
        foreach (var method in context.WovenMethods.Concat(twins.Values).ToList())
            RedirectCalls(context, method, twins);
    }

    private static void Classify(WeavingContext context)
    {
        var candidates = new Dictionary<MethodDefinition, List<MethodDefinition?>>();
        foreach (var method in context.WovenMethods)
        {
            if (IsCandidate(context, method, out var callees))
                candidates[method] = callees;
        }
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var pair in candidates)
            {
                var method = pair.Key;
                if (context.Leaves.Contains(method) || context.Trivial.Contains(method))
                    continue;
                if (!pair.Value.All(callee => callee is null || context.Leaves.Contains(callee) || context.Trivial.Contains(callee)))
                    continue;
                bool needsDescriptor = context.UsesTx(method) || pair.Value.Any(callee => callee is not null && context.Leaves.Contains(callee));
                (needsDescriptor ? context.Leaves : context.Trivial).Add(method);
                changed = true;
            }
        }
    }

    /// <summary>
    /// No loop, no handler, no pointers, not a region or a constructor; <paramref name="callees"/>
    /// gets the module methods it calls with static dispatch (null for a pure call), and the method is
    /// refused if it makes any other call.
    /// </summary>
    private static bool IsCandidate(WeavingContext context, MethodDefinition method, out List<MethodDefinition?> callees)
    {
        callees = [];
        var body = method.Body;
        if (method.IsConstructor || context.AtomicMethods.Contains(method) || body.HasExceptionHandlers ||
            body.Variables.Any(v => v.IsPinned || v.VariableType.IsPointer || v.VariableType.IsFunctionPointer) ||
            method.Parameters.Any(p => p.ParameterType.IsPointer || p.ParameterType.IsFunctionPointer))
            return false;
        var index = BodyEditor.IndexOf(body);
        foreach (var instruction in body.Instructions)
        {
            if (instruction.OpCode.Code is Code.Localloc or Code.Jmp or Code.Calli)
                return false;
            if (StackDepths.BranchTargets(instruction).Any(target => index[target] <= index[instruction]))
                return false;
            if (instruction.OpCode.Code is not (Code.Call or Code.Callvirt or Code.Newobj) || instruction.Operand is not MethodReference callee)
                continue;
            var definition = callee.TryResolve();
            if (definition is not null && context.Generated.Contains(definition))
                continue;
            if (instruction.OpCode.Code != Code.Newobj && definition is not null && definition.Module == context.Module && DispatchesStatically(instruction, definition))
            {
                callees.Add(definition);
                continue;
            }
            if (context.Calls.Classify(callee) != CallKind.Pure)
                return false;
            callees.Add(null);
        }
        return true;
    }

    private static bool DispatchesStatically(Instruction call, MethodDefinition callee) =>
        call.OpCode.Code == Code.Call || !callee.IsVirtual || callee.IsFinal || callee.DeclaringType.IsSealed;

    /// <summary>The leaf's body, its descriptor local replaced by a trailing parameter.</summary>
    private static MethodDefinition CreateTwin(WeavingContext context, MethodDefinition leaf)
    {
        var type = leaf.DeclaringType;
        var attributes = (leaf.Attributes & ~(MethodAttributes.MemberAccessMask | MethodAttributes.Virtual | MethodAttributes.Abstract |
                MethodAttributes.NewSlot | MethodAttributes.Final | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName))
            | MethodAttributes.Assembly | MethodAttributes.HideBySig;
        var twin = new MethodDefinition($"<stm>leaf_{leaf.Name}", attributes, leaf.ReturnType)
        {
            ImplAttributes = leaf.ImplAttributes | MethodImplAttributes.AggressiveInlining,
        };
        var genericMap = MethodSignatures.CloneGenericParameters(leaf, twin);
        twin.ReturnType = TypeResolution.Remap(leaf.ReturnType, genericMap);
        var parameterMap = new Dictionary<ParameterDefinition, ParameterDefinition>();
        foreach (var parameter in leaf.Parameters)
        {
            var copy = new ParameterDefinition(parameter.Name, parameter.Attributes & ~ParameterAttributes.HasDefault, TypeResolution.Remap(parameter.ParameterType, genericMap));
            twin.Parameters.Add(copy);
            parameterMap[parameter] = copy;
        }
        var tx = new ParameterDefinition("tx", ParameterAttributes.None, context.Runtime.TxDescriptor);
        twin.Parameters.Add(tx);
        type.Methods.Add(twin);
        if (leaf.HasThis)
            parameterMap[leaf.Body.ThisParameter] = twin.Body.ThisParameter;

        var txLocal = context.TxLocal(leaf);
        var variables = new Dictionary<VariableDefinition, VariableDefinition>();
        foreach (var variable in leaf.Body.Variables.Where(v => v != txLocal))
        {
            var copy = new VariableDefinition(TypeResolution.Remap(variable.VariableType, genericMap));
            twin.Body.Variables.Add(copy);
            variables[variable] = copy;
        }
        twin.Body.InitLocals = leaf.Body.InitLocals;
        var instructions = new Dictionary<Instruction, Instruction>();
        foreach (var original in leaf.Body.Instructions)
        {
            var copy = Instruction.Create(OpCodes.Nop);
            copy.OpCode = original.OpCode;
            copy.Operand = original.Operand switch
            {
                VariableDefinition variable when variable == txLocal => tx,
                VariableDefinition variable => variables[variable],
                ParameterDefinition parameter => parameterMap[parameter],
                TypeReference typeOperand => TypeResolution.Remap(typeOperand, genericMap),
                var operand => operand,
            };
            if (original.Operand is VariableDefinition local && local == txLocal)
                copy.OpCode = OpCodes.Ldarg;
            twin.Body.Instructions.Add(copy);
            instructions[original] = copy;
        }
        foreach (var copy in twin.Body.Instructions)
        {
            if (copy.Operand is Instruction target)
                copy.Operand = instructions[target];
            else if (copy.Operand is Instruction[] targets)
                copy.Operand = targets.Select(t => instructions[t]).ToArray();
        }
        foreach (var original in leaf.Body.Instructions)
        {
            if (leaf.DebugInformation.GetSequencePoint(original) is not { } point)
                continue;
            twin.DebugInformation.SequencePoints.Add(new SequencePoint(instructions[original], point.Document)
            {
                StartLine = point.StartLine,
                StartColumn = point.StartColumn,
                EndLine = point.EndLine,
                EndColumn = point.EndColumn,
            });
        }
        context.Generated.Add(twin);
        return twin;
    }

    /// <summary>Calls with static dispatch to a leaf go to its twin, with the caller's descriptor.</summary>
    private static void RedirectCalls(WeavingContext context, MethodDefinition method, Dictionary<MethodDefinition, MethodDefinition> twins)
    {
        var editor = new BodyEditor(method.Body);
        foreach (var call in method.Body.Instructions.Where(i => i.OpCode.Code is Code.Call or Code.Callvirt).ToList())
        {
            var callee = (MethodReference)call.Operand;
            if (callee.TryResolve() is not { } definition || !twins.TryGetValue(definition, out var twin) || !DispatchesStatically(call, definition))
                continue;
            var tx = context.Generated.Contains(method) ? method.Parameters[method.Parameters.Count - 1] : null;
            Instruction load = tx is null ? Instruction.Create(OpCodes.Ldloc, context.TxLocal(method)) : Instruction.Create(OpCodes.Ldarg, tx);
            var moved = editor.InsertBefore(call, [load]);
            moved.Operand = context.Module.ImportReference(MethodSignatures.SameInstantiation(callee, twin));
        }
    }
}
