using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Stm.Weaving.Il;

/// <summary>
/// Edits of a method body that keep every reference to an instruction meaningful. Cecil never
/// re-points branch operands or exception-handler bounds, so code that must run on every path
/// into an instruction is inserted *in place*: the instruction object takes the first inserted
/// opcode (keeping its branch sources, handler bounds and sequence point) and its original
/// opcode moves to a new instruction after the inserted code. What the passes know about that
/// opcode (the barrier it is, the descriptor load it is) moves with it: <c>opcodeMoved</c>.
/// </summary>
public sealed class BodyEditor
{
    private readonly MethodBody _body;
    private readonly System.Action<Instruction, Instruction>? _opcodeMoved;

    /// <param name="opcodeMoved">Called with (old, new) when an instruction's opcode moves to a new instruction object.</param>
    public BodyEditor(MethodBody body, System.Action<Instruction, Instruction>? opcodeMoved = null)
    {
        _body = body;
        _opcodeMoved = opcodeMoved;
    }

    /// <summary>
    /// Inserts <paramref name="code"/> so that it runs whenever control reaches <paramref name="target"/>
    /// (before its prefixes, if any: a prefix and its instruction stay together). Returns the
    /// instruction that now holds <paramref name="target"/>'s original opcode: a new one, or
    /// <paramref name="target"/> itself when a prefix moved in front of it.
    /// </summary>
    public Instruction InsertBefore(Instruction target, IReadOnlyList<Instruction> code)
    {
        var first = target;
        while (first.Previous is { OpCode.OpCodeType: OpCodeType.Prefix } prefix)
            first = prefix;
        if (code.Count == 0)
            return target;
        var moved = Instruction.Create(OpCodes.Nop);
        moved.OpCode = first.OpCode;
        moved.Operand = first.Operand;
        first.OpCode = code[0].OpCode;
        first.Operand = code[0].Operand;
        var il = _body.GetILProcessor();
        var last = first;
        for (int i = 1; i < code.Count; i++)
        {
            il.InsertAfter(last, code[i]);
            last = code[i];
        }
        il.InsertAfter(last, moved);
        RedirectBranches(code, code[0], first);
        _opcodeMoved?.Invoke(first, moved);
        return first == target ? moved : target;
    }

    /// <summary>Inserts <paramref name="code"/> right after <paramref name="anchor"/> (reached only from it).</summary>
    public void InsertAfter(Instruction anchor, IReadOnlyList<Instruction> code)
    {
        var il = _body.GetILProcessor();
        foreach (var instruction in code)
        {
            il.InsertAfter(anchor, instruction);
            anchor = instruction;
        }
    }

    /// <summary>Inserts <paramref name="code"/> before <paramref name="next"/>; branches to <paramref name="next"/> skip it.</summary>
    public void InsertPlainBefore(Instruction next, IReadOnlyList<Instruction> code)
    {
        var il = _body.GetILProcessor();
        foreach (var instruction in code)
            il.InsertBefore(next, instruction);
    }

    /// <summary>Instructions inside a catch, filter, finally or fault block (where no start point may be).</summary>
    public static HashSet<Instruction> HandlerInstructions(MethodBody body)
    {
        var index = IndexOf(body);
        var inside = new HashSet<Instruction>();
        foreach (var handler in body.ExceptionHandlers)
        {
            int start = index[handler.FilterStart ?? handler.HandlerStart];
            int end = handler.HandlerEnd is null ? body.Instructions.Count : index[handler.HandlerEnd];
            for (int i = start; i < end; i++)
                inside.Add(body.Instructions[i]);
        }
        return inside;
    }

    public static Dictionary<Instruction, int> IndexOf(MethodBody body)
    {
        var index = new Dictionary<Instruction, int>(body.Instructions.Count);
        for (int i = 0; i < body.Instructions.Count; i++)
            index[body.Instructions[i]] = i;
        return index;
    }

    /// <summary>The inserted code may branch to its own first instruction object; that object is now <paramref name="target"/>.</summary>
    private static void RedirectBranches(IReadOnlyList<Instruction> code, Instruction replaced, Instruction target)
    {
        foreach (var instruction in code)
        {
            if (instruction.Operand == replaced)
                instruction.Operand = target;
            else if (instruction.Operand is Instruction[] targets)
                for (int i = 0; i < targets.Length; i++)
                    if (targets[i] == replaced)
                        targets[i] = target;
        }
    }

    /// <summary>
    /// Appends <paramref name="code"/> after the body's last instruction. A handler that runs to the
    /// end of the body (its end is null: a method whose last block is a finally, such as a lock
    /// around a throw) ends where the appended code begins, or it would cover that code.
    /// </summary>
    public static void AppendAfterEnd(MethodBody body, IReadOnlyList<Instruction> code)
    {
        foreach (var handler in body.ExceptionHandlers)
            handler.HandlerEnd ??= code[0];
        var il = body.GetILProcessor();
        foreach (var instruction in code)
            il.Append(instruction);
    }

    /// <summary>Gives every instruction its offset in the current layout (sequence points read their offsets from their instructions).</summary>
    public static void RecomputeOffsets(MethodBody body)
    {
        int offset = 0;
        foreach (var instruction in body.Instructions)
        {
            instruction.Offset = offset;
            offset += instruction.GetSize();
        }
    }

    /// <summary>Puts the sequence points back in IL order (the PDB writer expects them sorted).</summary>
    public static void SortSequencePoints(MethodDefinition method)
    {
        if (!method.DebugInformation.HasSequencePoints)
            return;
        RecomputeOffsets(method.Body);
        var points = method.DebugInformation.SequencePoints.OrderBy(p => p.Offset).ToList();
        method.DebugInformation.SequencePoints.Clear();
        foreach (var point in points)
            method.DebugInformation.SequencePoints.Add(point);
    }

    /// <summary>Marks <paramref name="to"/> with the source span of <paramref name="point"/> (inserted or copied code standing for that statement).</summary>
    public static void AddSequencePoint(MethodDefinition method, Instruction to, SequencePoint point) =>
        method.DebugInformation.SequencePoints.Add(new SequencePoint(to, point.Document)
        {
            StartLine = point.StartLine,
            StartColumn = point.StartColumn,
            EndLine = point.EndLine,
            EndColumn = point.EndColumn,
        });
}
