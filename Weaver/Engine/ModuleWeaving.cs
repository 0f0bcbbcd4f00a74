using System.Linq;
using Mono.Cecil.Rocks;
using Stm.Weaving.Passes;

namespace Stm.Weaving;

/// <summary>The weaving pipeline over one module: an ordered list of passes, one per file in Passes/.</summary>
public static class ModuleWeaving
{
    /// <summary>Runs the passes; a pass that fails on a method refuses the module (STM0026, naming the method).</summary>
    public static void Run(WeavingContext context)
    {
        try
        {
            RunPasses(context);
        }
        catch (MethodWeavingException failure)
        {
            throw new WeavingRefusedException("STM0026",
                $"{context.Module.Name}: the weaver failed on {failure.Method.FullName} ({failure.Message}); nothing was written. "
                + "Exclude its type (--exclude or Exclude in FodyWeavers.xml) to weave the rest, and please report it.");
        }
    }

    private static void RunPasses(WeavingContext context)
    {
        CheckInput.Run(context);
        if (context.AlreadyWoven)
            return;
        SelectTargets.Run(context);
        context.ForEachMethod(context.WovenMethods, method => method.Body.SimplifyMacros());
        SpecializeLeaves.KeepOriginalBodies(context);
        InjectHeaders.Run(context);
        RewriteAccesses.Run(context);
        HardenCatches.Run(context);
        SpecializeLeaves.Run(context);
        InstrumentFrames.Run(context);
        GuardTypeInitializers.Run(context);
        context.ForEachMethod(context.WovenMethods.Concat(context.Generated), method => method.Body.OptimizeMacros());
        BoundJitTime.Run(context);
        MarkWoven.Run(context);
    }
}
