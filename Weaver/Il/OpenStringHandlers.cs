using System;
using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Stm.Weaving.Il;

/// <summary>
/// Where an interpolated string's handler is open: built, and not yet turned into its string.
/// A <c>DefaultInterpolatedStringHandler</c> writes into an array rented from the shared
/// <c>ArrayPool</c> and gives it back when it grows and in <c>ToStringAndClear</c>. A start point
/// in that range would save a copy of the handler that, after an abort, goes on writing into an
/// array the pool may since have lent to another renter (a string built of someone else's chars,
/// another user's buffer overwritten). So calls there pin the frame instead (a forward flow
/// analysis over an open count per instruction; an exception abandons the handler, so handlers
/// start with none open).
/// </summary>
internal sealed class OpenStringHandlers
{
    private const string HandlerType = "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler";

    /// <summary>Handlers nested in holes deeper than this count as this many (the count only needs to stay above zero).</summary>
    private const int MostNested = 8;

    private readonly Dictionary<Instruction, int> _before = [];

    public OpenStringHandlers(MethodBody body)
    {
        var work = new Stack<Instruction>();
        void Reach(Instruction instruction, int open)
        {
            if (_before.TryGetValue(instruction, out int known) && known >= open)
                return;
            _before[instruction] = open;
            work.Push(instruction);
        }

        if (body.Instructions.Count > 0)
            Reach(body.Instructions[0], 0);
        foreach (var handler in body.ExceptionHandlers)
        {
            Reach(handler.HandlerStart, 0);
            if (handler.FilterStart is { } filter)
                Reach(filter, 0);
        }
        while (work.Count > 0)
        {
            var instruction = work.Pop();
            int after = After(instruction, _before[instruction]);
            foreach (var target in StackDepths.BranchTargets(instruction))
                Reach(target, after);
            if (StackDepths.FallsThrough(instruction) && instruction.Next is { } next)
                Reach(next, after);
        }
    }

    /// <summary>Whether a handler may be open when control reaches <paramref name="instruction"/>.</summary>
    public bool OpenBefore(Instruction instruction) => _before.TryGetValue(instruction, out int open) && open > 0;

    /// <summary>Whether a handler may be open right after <paramref name="instruction"/> (where a call's return site resumes).</summary>
    public bool OpenAfter(Instruction instruction) => _before.TryGetValue(instruction, out int open) && After(instruction, open) > 0;

    private static int After(Instruction instruction, int open)
    {
        if (instruction.OpCode.Code is not (Code.Call or Code.Callvirt or Code.Newobj) || instruction.Operand is not MethodReference callee)
            return open;
        if (Opens(callee))
            return Math.Min(open + 1, MostNested);
        return Closes(callee) ? Math.Max(open - 1, 0) : open;
    }

    private static bool Opens(MethodReference callee) => callee.Name == ".ctor" && callee.DeclaringType.FullName == HandlerType;

    /// <summary>
    /// <c>ToStringAndClear</c> and <c>Clear</c> give the buffer back; a framework method that takes
    /// the handler by reference (<c>string.Create(provider, ref handler)</c>) consumes it. A method
    /// of this assembly taking it by reference may only append: the handler stays open.
    /// </summary>
    private static bool Closes(MethodReference callee)
    {
        if (callee.DeclaringType.FullName == HandlerType)
            return callee.Name is "ToStringAndClear" or "Clear";
        if (callee.DeclaringType.Scope == callee.Module)
            return false;
        foreach (var parameter in callee.Parameters)
        {
            if (parameter.ParameterType is ByReferenceType { ElementType.FullName: HandlerType })
                return true;
        }
        return false;
    }
}
