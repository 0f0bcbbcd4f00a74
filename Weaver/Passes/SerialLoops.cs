using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Stm.Weaving.Il;

namespace Stm.Weaving.Passes;

/// <summary>
/// Part of pass 7: a serial-mode copy of an innermost loop. In serial mode every barrier is its
/// plain access, and the mode changes only where a transaction starts. A loop whose body cannot
/// start one (no call that can commit, no handler boundary inside) can therefore run a copy of
/// itself with the plain accesses while the thread is serial:
/// <code>
/// head:  commit point (countdown, CommitPoints, start point)
/// check: if (tx.InSerialMode) goto copy;            // after every commit point that may change the mode
///        … barriered body …; back-edges to head
/// copy:  … the same body with plain accesses (leaf twins: their serial twins) …; back-edges to copyHead
/// copyHead: if (--backEdges > 0) goto copy; goto head;   // the real commit point, then the check again
/// </code>
/// The copy is placed before the loop head (behind a branch over it), inside the same protected
/// region, and carries the original sequence points so stack traces keep their lines.
/// </summary>
internal sealed class SerialLoops
{
    private readonly WeavingContext _context;
    private readonly MethodDefinition _method;
    private readonly MethodBody _body;

    public SerialLoops(WeavingContext context, MethodDefinition method)
    {
        _context = context;
        _method = method;
        _body = method.Body;
    }

    /// <summary>Versions the loop at <paramref name="head"/> if it qualifies (returns whether it did); <paramref name="check"/> is the nop after its commit point.</summary>
    public bool TryVersion(Instruction head, Instruction label, Instruction check, VariableDefinition tx, VariableDefinition backEdges)
    {
        BodyEditor.RecomputeOffsets(_body);
        var index = BodyEditor.IndexOf(_body);
        int start = index[label];
        var branchesBack = _body.Instructions.Where(i => StackDepths.BranchTargets(i).Contains(head) && index[i] > start).ToList();
        if (branchesBack.Count == 0)
            return false;
        int end = branchesBack.Max(i => index[i]);
        var region = Enumerable.Range(start, end - start + 1).Select(i => _body.Instructions[i]).ToList();
        if (!Qualifies(region, index, start, end, head))
            return false;

        var points = _method.DebugInformation.HasSequencePoints
            ? _method.DebugInformation.SequencePoints.GroupBy(p => p.Offset).ToDictionary(g => g.Key, g => g.First())
            : [];
        var copies = new Dictionary<Instruction, Instruction>();
        var copy = new List<Instruction>();
        var pending = new List<Instruction>();
        var newPoints = new List<(Instruction, SequencePoint)>();
        foreach (var instruction in region)
        {
            if (_context.DescriptorLoads.Contains(instruction))
            {
                pending.Add(instruction);
                continue;
            }
            var duplicate = Instruction.Create(OpCodes.Nop);
            var first = duplicate;
            if (_context.PlainAccesses.TryGetValue(instruction, out var plain))
            {
                (duplicate.OpCode, duplicate.Operand) = (plain.OpCode, plain.Operand);
                if (plain.IsVolatile && plain.OpCode.Code == Code.Ldelem_Any)
                {
                    // volatile. applies to field and indirect loads only: Volatile.Read(ref a[i]) stays an address and a volatile load.
                    first = Instruction.Create(OpCodes.Ldelema, (TypeReference)plain.Operand);
                    copy.Add(first);
                    copy.Add(Instruction.Create(OpCodes.Volatile));
                    (duplicate.OpCode, duplicate.Operand) = (OpCodes.Ldobj, plain.Operand);
                }
                else if (plain.IsVolatile)
                {
                    first = Instruction.Create(OpCodes.Volatile);
                    copy.Add(first);
                }
            }
            else
            {
                (duplicate.OpCode, duplicate.Operand) = (instruction.OpCode, SerialOperand(instruction.Operand));
            }
            copy.Add(duplicate);
            copies[instruction] = first;
            foreach (var skipped in pending)
                copies[skipped] = first;
            // The loop head's statement line stays on the commit point inserted in front of it.
            var origin = instruction == region[0] ? head : instruction;
            if (points.TryGetValue(origin.Offset, out var point) || points.TryGetValue(instruction.Offset, out point) || pending.Any(p => points.TryGetValue(p.Offset, out point)))
                newPoints.Add((first, point!));
            pending.Clear();
        }

        var copyHead = Instruction.Create(OpCodes.Ldloc, backEdges);
        foreach (var duplicate in copy)
        {
            if (duplicate.Operand is Instruction target)
                duplicate.Operand = Retarget(target, head, copyHead, copies);
            else if (duplicate.Operand is Instruction[] targets)
                duplicate.Operand = targets.Select(t => Retarget(t, head, copyHead, copies)).ToArray();
        }
        var last = region[region.Count - 1];
        var block = new List<Instruction> { Instruction.Create(OpCodes.Br, head) };
        block.AddRange(copy);
        if (StackDepths.FallsThrough(last))
            block.Add(Instruction.Create(OpCodes.Br, last.Next));
        block.AddRange(
        [
            copyHead,
            Instruction.Create(OpCodes.Ldc_I4_1),
            Instruction.Create(OpCodes.Sub),
            Instruction.Create(OpCodes.Dup),
            Instruction.Create(OpCodes.Stloc, backEdges),
            Instruction.Create(OpCodes.Ldc_I4_0),
            Instruction.Create(OpCodes.Bgt, copy[0]),
            Instruction.Create(OpCodes.Br, head),
        ]);
        _context.EditorFor(_body).InsertPlainBefore(head, block);

        check.OpCode = OpCodes.Ldloc;
        check.Operand = tx;
        _context.EditorFor(_body).InsertAfter(check, [Instruction.Create(OpCodes.Callvirt, _context.Runtime.InSerialMode), Instruction.Create(OpCodes.Brtrue, copy[0])]);

        foreach (var (duplicate, point) in newPoints)
            BodyEditor.AddSequencePoint(_method, duplicate, point);
        return true;
    }

    /// <summary>A leaf twin called from the copy becomes its serial twin (same arguments, the thread is serial).</summary>
    private object? SerialOperand(object? operand) =>
        operand is MethodReference callee && callee.TryResolve() is { } twin && _context.SerialTwins.TryGetValue(twin, out var serial)
            ? _context.Module.ImportReference(MethodSignatures.SameInstantiation(callee, serial))
            : operand;

    private static Instruction Retarget(Instruction target, Instruction head, Instruction copyHead, Dictionary<Instruction, Instruction> copies) =>
        target == head ? copyHead : copies.TryGetValue(target, out var duplicate) ? duplicate : target;

    /// <summary>An innermost loop that cannot start a transaction: only barriers, twins and pure calls; no handler boundary inside.</summary>
    private bool Qualifies(List<Instruction> region, Dictionary<Instruction, int> index, int start, int end, Instruction head)
    {
        foreach (var instruction in region)
        {
            foreach (var target in StackDepths.BranchTargets(instruction))
            {
                // Another back-edge inside the region: a nested loop.
                if (target != head && index[target] >= start && index[target] <= index[instruction])
                    return false;
            }
            if (instruction.OpCode.Code is Code.Calli or Code.Jmp or Code.Localloc)
                return false;
            if (instruction.OpCode.Code is Code.Call or Code.Callvirt or Code.Newobj && !_context.PlainAccesses.ContainsKey(instruction))
            {
                var callee = (MethodReference)instruction.Operand;
                bool twin = callee.TryResolve() is { } definition && _context.Generated.Contains(definition);
                if (!twin && _context.Calls.Classify(callee) != CallKind.Pure)
                    return false;
            }
        }
        foreach (var handler in _body.ExceptionHandlers)
        {
            foreach (var bound in new[] { handler.TryStart, handler.TryEnd, handler.HandlerStart, handler.HandlerEnd, handler.FilterStart })
            {
                if (bound is not null && (bound == head || (index[bound] > start && index[bound] <= end)))
                    return false;
            }
        }
        return true;
    }
}
