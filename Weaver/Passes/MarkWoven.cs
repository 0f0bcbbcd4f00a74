using Mono.Cecil;

namespace Stm.Weaving.Passes;

/// <summary>Last pass: the marker attribute (weaver version and options) that makes weaving again a no-op.</summary>
public static class MarkWoven
{
    public static void Run(WeavingContext context)
    {
        var marker = new CustomAttribute(context.Runtime.StmWovenConstructor);
        var text = context.Module.TypeSystem.String;
        marker.ConstructorArguments.Add(new CustomAttributeArgument(text, WeaverOptions.WeaverVersion));
        marker.ConstructorArguments.Add(new CustomAttributeArgument(text, context.Options.Describe()));
        context.Module.Assembly.CustomAttributes.Add(marker);
    }
}
