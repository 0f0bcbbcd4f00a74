using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Stm.Weaving.Il;

/// <summary>
/// The evaluation-stack depth before each reachable instruction (a flow analysis over depths, not
/// types). The weaver needs it to know where a start point is possible: the stack must be empty
/// below the value a call returns, since a restart resumes with only locals restored.
/// </summary>
public static class StackDepths
{
    public static Dictionary<Instruction, int> Compute(MethodBody body)
    {
        var depths = new Dictionary<Instruction, int>();
        var work = new Stack<Instruction>();
        void Reach(Instruction instruction, int depth)
        {
            if (depths.ContainsKey(instruction))
                return;
            depths[instruction] = depth;
            work.Push(instruction);
        }

        if (body.Instructions.Count > 0)
            Reach(body.Instructions[0], 0);
        foreach (var handler in body.ExceptionHandlers)
        {
            bool receivesException = handler.HandlerType is ExceptionHandlerType.Catch or ExceptionHandlerType.Filter;
            Reach(handler.HandlerStart, receivesException ? 1 : 0);
            if (handler.FilterStart is { } filter)
                Reach(filter, 1);
        }
        while (work.Count > 0)
        {
            var instruction = work.Pop();
            int depth = depths[instruction];
            int after = instruction.OpCode.StackBehaviourPop == StackBehaviour.PopAll ? 0 : depth - Pops(instruction, body.Method) + Pushes(instruction);
            foreach (var target in BranchTargets(instruction))
                Reach(target, after);
            if (FallsThrough(instruction) && instruction.Next is { } next)
                Reach(next, after);
        }
        return depths;
    }

    /// <summary>Values a call-like instruction takes from the stack (its arguments, <c>this</c> included).</summary>
    public static int ArgumentCount(Instruction instruction)
    {
        var method = (IMethodSignature)instruction.Operand;
        int count = method.Parameters.Count;
        if (instruction.OpCode.Code != Code.Newobj && method.HasThis && !method.ExplicitThis)
            count++;
        if (instruction.OpCode.Code == Code.Calli)
            count++;
        return count;
    }

    public static IEnumerable<Instruction> BranchTargets(Instruction instruction)
    {
        switch (instruction.Operand)
        {
            case Instruction target when instruction.OpCode.OperandType is OperandType.InlineBrTarget or OperandType.ShortInlineBrTarget:
                yield return target;
                break;
            case Instruction[] targets:
                foreach (var target in targets)
                    yield return target;
                break;
        }
    }

    public static bool FallsThrough(Instruction instruction) =>
        instruction.OpCode.FlowControl is not (FlowControl.Branch or FlowControl.Return or FlowControl.Throw) &&
        instruction.OpCode.Code is not (Code.Endfinally or Code.Endfilter or Code.Jmp);

    private static int Pops(Instruction instruction, MethodDefinition method)
    {
        switch (instruction.OpCode.StackBehaviourPop)
        {
            case StackBehaviour.Pop0:
                return 0;
            case StackBehaviour.Pop1:
            case StackBehaviour.Popi:
            case StackBehaviour.Popref:
                return 1;
            case StackBehaviour.Pop1_pop1:
            case StackBehaviour.Popi_pop1:
            case StackBehaviour.Popi_popi:
            case StackBehaviour.Popi_popi8:
            case StackBehaviour.Popi_popr4:
            case StackBehaviour.Popi_popr8:
            case StackBehaviour.Popref_pop1:
            case StackBehaviour.Popref_popi:
                return 2;
            case StackBehaviour.Popi_popi_popi:
            case StackBehaviour.Popref_popi_popi:
            case StackBehaviour.Popref_popi_popi8:
            case StackBehaviour.Popref_popi_popr4:
            case StackBehaviour.Popref_popi_popr8:
            case StackBehaviour.Popref_popi_popref:
                return 3;
            case StackBehaviour.Varpop when instruction.OpCode.Code == Code.Ret:
                return method.ReturnType.IsVoid() ? 0 : 1;
            case StackBehaviour.Varpop:
                return ArgumentCount(instruction);
            default:
                return 0;
        }
    }

    private static int Pushes(Instruction instruction)
    {
        switch (instruction.OpCode.StackBehaviourPush)
        {
            case StackBehaviour.Push0:
                return 0;
            case StackBehaviour.Push1_push1:
                return 2;
            case StackBehaviour.Varpush when instruction.OpCode.Code == Code.Newobj:
                return 1;
            case StackBehaviour.Varpush:
                return ((IMethodSignature)instruction.Operand).ReturnType.IsVoid() ? 0 : 1;
            default:
                return 1;
        }
    }
}
