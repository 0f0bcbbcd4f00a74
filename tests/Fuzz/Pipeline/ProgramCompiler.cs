using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Stm.Fuzz.Pipeline;

/// <summary>Compiles a program with Roslyn, in memory, to a dll and its portable PDB.</summary>
internal static class ProgramCompiler
{
    /// <summary>The framework's assemblies, read once for all programs (reading them is most of a small compilation's cost).</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == framework && Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    });

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    /// <summary>Writes <c>Program.dll</c> and <c>Program.pdb</c> to <paramref name="directory"/>; returns the errors, or null when it compiled.</summary>
    public static string? Compile(string source, bool optimize, string directory)
    {
        Directory.CreateDirectory(directory);
        string assemblyPath = Path.Combine(directory, "Program.dll");
        // The source's path is recorded in the PDB, so stack traces name the saved file's lines.
        var tree = CSharpSyntaxTree.ParseText(source, s_parseOptions, path: Path.Combine(directory, "Program.cs"), encoding: System.Text.Encoding.UTF8);
        var options = new CSharpCompilationOptions(
            OutputKind.ConsoleApplication,
            optimizationLevel: optimize ? OptimizationLevel.Release : OptimizationLevel.Debug,
            deterministic: true,
            nullableContextOptions: NullableContextOptions.Disable,
            concurrentBuild: false);
        var compilation = CSharpCompilation.Create("Program", [tree], s_references.Value, options);
        using var assembly = File.Create(assemblyPath);
        using var symbols = File.Create(Path.ChangeExtension(assemblyPath, ".pdb"));
        var result = compilation.Emit(assembly, symbols, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: "Program.pdb"));
        if (result.Success)
            return null;
        return string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10));
    }
}
