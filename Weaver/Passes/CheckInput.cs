using System.Linq;
using Mono.Cecil;

namespace Stm.Weaving.Passes;

/// <summary>
/// Pass 1: refuse what cannot be woven (mixed-mode, reference assemblies, ReadyToRun composite
/// images, the runtime itself), and make weaving an already woven module a no-op. An assembly
/// woven with other options or by another weaver version is refused: weave the original instead.
/// </summary>
public static class CheckInput
{
    public static void Run(WeavingContext context)
    {
        var module = context.Module;
        var assembly = module.Assembly;
        if (assembly?.Name.Name == "Stm")
            throw new WeavingRefusedException("STM0010", "This is the Stm runtime itself; it is not woven.");
        if ((module.Attributes & ModuleAttributes.ILOnly) == 0)
            throw new WeavingRefusedException("STM0011", $"{module.Name} is a mixed-mode assembly (native code besides IL); it cannot be rewritten.");
        if ((module.Attributes & ModuleAttributes.ILLibrary) != 0)
            throw new WeavingRefusedException("STM0012", $"{module.Name} is a ReadyToRun composite image without IL to rewrite.");
        if (assembly?.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.ReferenceAssemblyAttribute") == true)
            throw new WeavingRefusedException("STM0013", $"{module.Name} is a reference assembly (metadata only); weave the implementation assembly.");

        var marker = assembly?.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == "Stm.Abi.StmWovenAttribute");
        if (marker is null)
            return;
        string version = (string)marker.ConstructorArguments[0].Value;
        string options = (string)marker.ConstructorArguments[1].Value;
        if (version != WeaverOptions.WeaverVersion || options != context.Options.Describe())
            throw new WeavingRefusedException(
                "STM0014",
                $"{module.Name} was already woven by stmweave {version} with '{options}'; this is {WeaverOptions.WeaverVersion} with '{context.Options.Describe()}'. Weave the original assembly.");
        context.AlreadyWoven = true;
        context.Report(DiagnosticSeverity.Info, "STM0001", $"{module.Name} is already woven; nothing to do.");
    }
}
