using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Stm.Weaving.Il;

namespace Stm.Weaving.Passes;

/// <summary>
/// A method with a loop inside a catch, finally or filter gets no tier 0: the JIT cannot place an
/// on-stack-replacement patchpoint in a handler, so it compiles the method fully optimized on its
/// first call. There its time grows much faster than the method (SSA renaming at each handler's
/// entry visits the defs of its whole try block), and woven code has several times the original's
/// blocks and locals once the barriers are inlined: generated methods of 7–9 KB woven took the JIT
/// 6–13 s where their originals took 13 ms (docs/fuzzing.md). Past <see cref="LargestOptimized"/>
/// bytes of woven IL such a method is compiled with minimal optimization (<c>NoOptimization</c>):
/// about 10 ms for those, at the price of slower code in that one method.
/// </summary>
public static class BoundJitTime
{
    /// <summary>Woven IL bytes up to which a method with a loop in a handler stays optimized (such methods of 2.9 KB took about 0.1 s).</summary>
    internal const int LargestOptimized = 3072;

    public static void Run(WeavingContext context)
    {
        foreach (var method in context.WovenMethods.Concat(context.Generated))
        {
            if (!method.HasBody || method.Body.Instructions.Sum(i => i.GetSize()) <= LargestOptimized || !HasLoopInHandler(method.Body))
                continue;
            method.ImplAttributes |= MethodImplAttributes.NoOptimization;
            context.Reports.For(method).CompiledUnoptimized = true;
        }
    }

    private static bool HasLoopInHandler(MethodBody body)
    {
        var inHandler = BodyEditor.HandlerInstructions(body);
        var index = BodyEditor.IndexOf(body);
        return body.Instructions.Any(instruction => StackDepths.BranchTargets(instruction)
            .Any(target => index[target] <= index[instruction] && inHandler.Contains(target)));
    }
}
