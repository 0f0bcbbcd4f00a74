using System.Collections.Generic;
using System.IO;
using Fody;
using Mono.Cecil;
using Stm.Weaving;

/// <summary>
/// The Fody add-in (<c>&lt;Weavers&gt;&lt;Stm /&gt;&lt;/Weavers&gt;</c>): runs the weaving pipeline on the module
/// Fody has read, reporting through Fody's log with source locations. The woven assembly references
/// the Stm runtime, which the project references (package lib or project).
/// </summary>
public sealed class ModuleWeaver : BaseModuleWeaver
{
    public override void Execute()
    {
        using var runtime = ModuleDefinition.ReadModule(FindRuntime(), new ReaderParameters { AssemblyResolver = ModuleDefinition.AssemblyResolver });
        var context = new WeavingContext(ModuleDefinition, new RuntimeReferences(ModuleDefinition, runtime), OptionsFromConfig(), new FodyLog(this));
        try
        {
            ModuleWeaving.Run(context);
        }
        catch (WeavingRefusedException refusal)
        {
            throw new WeavingException($"{refusal.Code}: {refusal.Message}");
        }
    }

    public override IEnumerable<string> GetAssembliesForScanning() => [];

    /// <summary>The attributes of <c>&lt;Stm /&gt;</c> in FodyWeavers.xml (schema: Stm.Fody.xcf).</summary>
    private WeaverOptions OptionsFromConfig()
    {
        var options = new WeaverOptions();
        string? mode = Config?.Attribute("Mode")?.Value;
        if (mode is not null && mode != options.Mode)
            throw new WeavingException($"STM0040: Mode='{mode}' is not supported; the only mode so far is '{options.Mode}'.");
        options.Include.AddRange(Patterns("Include"));
        options.Exclude.AddRange(Patterns("Exclude"));
        foreach (string rule in Patterns("Calls"))
        {
            try
            {
                options.Calls.Add(CallRule.Parse(rule));
            }
            catch (System.FormatException invalid)
            {
                throw new WeavingException($"STM0041: Calls: {invalid.Message}");
            }
        }
        return options;
    }

    /// <summary>A config attribute's items (type name patterns, call rules), separated by semicolons or white space.</summary>
    private IEnumerable<string> Patterns(string attribute)
    {
        string? value = Config?.Attribute(attribute)?.Value;
        return value is null ? [] : value.Split([';', ' ', '\t', '\n', '\r'], System.StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The target framework folder of Stm.dll in the package (Package/Stm.Fody.Package.csproj packs it there).</summary>
    internal const string RuntimeFramework = "net10.0";

    /// <summary>Stm.dll: as the project references it, else from the package (lib folder beside the weaver folder).</summary>
    private string FindRuntime()
    {
        foreach (string reference in References.Split(';'))
        {
            if (string.Equals(Path.GetFileName(reference), "Stm.dll", System.StringComparison.OrdinalIgnoreCase))
                return reference;
        }
        string packaged = Path.Combine(AddinDirectoryPath, "..", "lib", RuntimeFramework, "Stm.dll");
        if (File.Exists(packaged))
            return packaged;
        throw new WeavingException("Stm.Fody needs the Stm runtime: reference the Stm.Fody package (its lib has Stm.dll) or the Stm project.");
    }

    private sealed class FodyLog(ModuleWeaver weaver) : IWeaverLog
    {
        public void Report(WeaverDiagnostic diagnostic)
        {
            string message = $"{diagnostic.Code}: {diagnostic.Message}";
            switch (diagnostic.Severity)
            {
                case DiagnosticSeverity.Error:
                    weaver.WriteError(message, diagnostic.Location);
                    break;
                case DiagnosticSeverity.Warning:
                    weaver.WriteWarning(message, diagnostic.Location);
                    break;
                default:
                    weaver.WriteInfo(message);
                    break;
            }
        }
    }
}
