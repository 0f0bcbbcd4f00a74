using System.Linq;
using Mono.Cecil.Rocks;
using Stm.Weaving.Passes;

namespace Stm.Weaving;

/// <summary>The weaving pipeline over one module: an ordered list of passes, one per file in Passes/.</summary>
public static class ModuleWeaving
{
    public static void Run(WeavingContext context)
    {
        CheckInput.Run(context);
        if (context.AlreadyWoven)
            return;
        SelectTargets.Run(context);
        foreach (var method in context.WovenMethods)
            method.Body.SimplifyMacros();
        SpecializeLeaves.KeepOriginalBodies(context);
        InjectHeaders.Run(context);
        RewriteAccesses.Run(context);
        HardenCatches.Run(context);
        SpecializeLeaves.Run(context);
        InstrumentFrames.Run(context);
        foreach (var method in context.WovenMethods.Concat(context.Generated))
            method.Body.OptimizeMacros();
        MarkWoven.Run(context);
    }
}
