using System;
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
        context.ForEachMethod(context.Leaves, leaf => twins[leaf] = CreateTwin(context, leaf));
        context.ForEachMethod(context.WovenMethods.Concat(twins.Values).ToList(), method => RedirectCalls(context, method, twins));
        // A serial twin runs only in serial mode: its calls to leaves go to their serial twins.
        var serialTwins = twins.Where(pair => context.SerialTwins.ContainsKey(pair.Value)).ToDictionary(pair => pair.Key, pair => context.SerialTwins[pair.Value]);
        context.ForEachMethod(context.SerialTwins.Values.ToList(), serial => RedirectCalls(context, serial, serialTwins));
    }

    private static void Classify(WeavingContext context)
    {
        var candidates = new Dictionary<MethodDefinition, List<MethodDefinition?>>();
        context.ForEachMethod(context.WovenMethods, method =>
        {
            if (IsCandidate(context, method, out var callees))
                candidates[method] = callees;
        });
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

    /// <summary>
    /// The leaf's twin: its barriered body, its descriptor local replaced by a trailing parameter.
    /// With the original body kept, there is also a serial twin <c>&lt;stm&gt;serial_M(…, tx)</c>
    /// holding it, and the twin starts with <c>if (tx.InSerialMode) return serial_M(…)</c>: in serial
    /// mode every barrier is its plain access, and the mode cannot change inside a leaf (it has no
    /// commit point).
    /// </summary>
    private static MethodDefinition CreateTwin(WeavingContext context, MethodDefinition leaf)
    {
        var twin = CreateVariant(context, leaf, "leaf", leaf.Body.Instructions, leaf.DebugInformation.GetSequencePoint);
        if (context.OriginalBodies.TryGetValue(leaf, out var original))
        {
            var serial = CreateVariant(context, leaf, "serial", original.Instructions, copy => original.Points.TryGetValue(copy, out var point) ? point : null);
            context.SerialTwins[twin] = serial;
            var barriered = twin.Body.Instructions[0];
            var il = twin.Body.GetILProcessor();
            var prologue = new List<Instruction>
            {
                Instruction.Create(OpCodes.Ldarg, twin.Parameters[twin.Parameters.Count - 1]),
                Instruction.Create(OpCodes.Callvirt, context.Runtime.InSerialMode),
                Instruction.Create(OpCodes.Brfalse, barriered),
            };
            if (twin.HasThis)
                prologue.Add(Instruction.Create(OpCodes.Ldarg, twin.Body.ThisParameter));
            foreach (var parameter in twin.Parameters)
                prologue.Add(Instruction.Create(OpCodes.Ldarg, parameter));
            prologue.Add(Instruction.Create(OpCodes.Call, MethodSignatures.SameInstantiation(MethodSignatures.SelfReference(twin), serial)));
            prologue.Add(Instruction.Create(OpCodes.Ret));
            foreach (var instruction in prologue)
                il.InsertBefore(barriered, instruction);
        }
        return twin;
    }

    /// <summary>A copy of <paramref name="leaf"/> named <c>&lt;stm&gt;{kind}_M</c> with <paramref name="body"/>, taking the descriptor as a trailing parameter.</summary>
    private static MethodDefinition CreateVariant(WeavingContext context, MethodDefinition leaf, string kind, IList<Instruction> body, Func<Instruction, SequencePoint?> pointOf)
    {
        var type = leaf.DeclaringType;
        var attributes = (leaf.Attributes & ~(MethodAttributes.MemberAccessMask | MethodAttributes.Virtual | MethodAttributes.Abstract |
                MethodAttributes.NewSlot | MethodAttributes.Final | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName))
            | MethodAttributes.Assembly | MethodAttributes.HideBySig;
        var variant = new MethodDefinition($"<stm>{kind}_{leaf.Name}", attributes, leaf.ReturnType)
        {
            ImplAttributes = leaf.ImplAttributes | MethodImplAttributes.AggressiveInlining,
        };
        var genericMap = MethodSignatures.CloneGenericParameters(leaf, variant);
        variant.ReturnType = TypeResolution.Remap(leaf.ReturnType, genericMap);
        var parameterMap = new Dictionary<ParameterDefinition, ParameterDefinition>();
        foreach (var parameter in leaf.Parameters)
        {
            var copy = new ParameterDefinition(parameter.Name, parameter.Attributes & ~ParameterAttributes.HasDefault, TypeResolution.Remap(parameter.ParameterType, genericMap));
            variant.Parameters.Add(copy);
            parameterMap[parameter] = copy;
        }
        var tx = new ParameterDefinition("tx", ParameterAttributes.None, context.Runtime.TxDescriptor);
        variant.Parameters.Add(tx);
        type.Methods.Add(variant);
        if (leaf.HasThis)
            parameterMap[leaf.Body.ThisParameter] = variant.Body.ThisParameter;

        var txLocal = context.TxLocal(leaf);
        var variables = new Dictionary<VariableDefinition, VariableDefinition>();
        foreach (var variable in leaf.Body.Variables.Where(v => v != txLocal))
        {
            var copy = new VariableDefinition(TypeResolution.Remap(variable.VariableType, genericMap));
            variant.Body.Variables.Add(copy);
            variables[variable] = copy;
        }
        variant.Body.InitLocals = leaf.Body.InitLocals;
        Append(variant, body, pointOf, operand => operand switch
        {
            VariableDefinition variable when variable == txLocal => tx,
            VariableDefinition variable => variables[variable],
            ParameterDefinition parameter => parameterMap[parameter],
            TypeReference typeOperand => TypeResolution.Remap(typeOperand, genericMap),
            _ => operand,
        });
        context.Generated.Add(variant);
        return variant;
    }

    /// <summary>
    /// Appends copies of <paramref name="source"/> to <paramref name="target"/> (branch targets
    /// inside the copy, operands mapped, sequence points copied); returns the first copy.
    /// </summary>
    private static Instruction Append(MethodDefinition target, IList<Instruction> source, Func<Instruction, SequencePoint?> pointOf, Func<object?, object?> operandOf)
    {
        var copies = new Dictionary<Instruction, Instruction>();
        foreach (var instruction in source)
        {
            var copy = Instruction.Create(OpCodes.Nop);
            copy.OpCode = instruction.OpCode;
            copy.Operand = operandOf(instruction.Operand);
            if (copy.Operand is ParameterDefinition && instruction.Operand is VariableDefinition)
                copy.OpCode = OpCodes.Ldarg;
            target.Body.Instructions.Add(copy);
            copies[instruction] = copy;
            if (pointOf(instruction) is { } point)
                BodyEditor.AddSequencePoint(target, copy, point);
        }
        foreach (var copy in copies.Values)
        {
            if (copy.Operand is Instruction branchTarget)
                copy.Operand = copies[branchTarget];
            else if (copy.Operand is Instruction[] targets)
                copy.Operand = targets.Select(t => copies[t]).ToArray();
        }
        return copies[source[0]];
    }

    /// <summary>A method's body as the compiler left it (before any barrier), kept for its twin's serial-mode path.</summary>
    public sealed class OriginalBody
    {
        private OriginalBody(Instruction[] instructions, Dictionary<Instruction, SequencePoint> points)
        {
            Instructions = instructions;
            Points = points;
        }

        public Instruction[] Instructions { get; }

        public Dictionary<Instruction, SequencePoint> Points { get; }

        public static OriginalBody Of(MethodDefinition method)
        {
            var copies = new Dictionary<Instruction, Instruction>();
            var ordered = new List<Instruction>();
            var points = new Dictionary<Instruction, SequencePoint>();
            foreach (var instruction in method.Body.Instructions)
            {
                var copy = Instruction.Create(OpCodes.Nop);
                copy.OpCode = instruction.OpCode;
                copy.Operand = instruction.Operand;
                copies[instruction] = copy;
                ordered.Add(copy);
                if (method.DebugInformation.GetSequencePoint(instruction) is { } point)
                    points[copy] = point;
            }
            foreach (var copy in ordered)
            {
                if (copy.Operand is Instruction target)
                    copy.Operand = copies[target];
                else if (copy.Operand is Instruction[] targets)
                    copy.Operand = targets.Select(t => copies[t]).ToArray();
            }
            return new OriginalBody([.. ordered], points);
        }
    }

    /// <summary>
    /// Before the barriers go in (called first among the rewriting passes): keeps the bodies of the
    /// methods that may turn out to be leaves, for their twins' serial-mode path.
    /// </summary>
    public static void KeepOriginalBodies(WeavingContext context)
    {
        context.ForEachMethod(context.WovenMethods, method =>
        {
            if (!method.IsConstructor && !method.Body.HasExceptionHandlers && !context.AtomicMethods.Contains(method))
                context.OriginalBodies[method] = OriginalBody.Of(method);
        });
    }

    /// <summary>Calls with static dispatch to a leaf go to its twin, with the caller's descriptor.</summary>
    private static void RedirectCalls(WeavingContext context, MethodDefinition method, Dictionary<MethodDefinition, MethodDefinition> twins)
    {
        var editor = context.EditorFor(method.Body);
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
