using Stm.Weaving;

namespace Stm.Weaver.Tests;

/// <summary>What the engine does with its input: idempotent weaving, clear refusals, nothing half-written.</summary>
public sealed class WeavingTests : IDisposable
{
    private static readonly string BinDirectory = AppContext.BaseDirectory;
    private static readonly string Runtime = Path.Combine(BinDirectory, "Stm.dll");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stmweave-weaving-" + Guid.NewGuid().ToString("N"));

    public WeavingTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Weaving_a_woven_assembly_again_is_a_no_op()
    {
        string once = Weave(CopyScenarios(), "once.dll");
        string twice = Path.Combine(_folder, "twice.dll");

        var log = new CollectingLog();
        Assert.Equal(WeaveOutcome.AlreadyWoven, AssemblyWeaver.Weave(once, twice, new WeaverOptions(), log, Runtime));

        Assert.Equal(File.ReadAllBytes(once), File.ReadAllBytes(twice));
        Assert.Contains(log.Diagnostics, d => d.Code == "STM0001");
    }

    [Fact]
    public void Weaving_is_deterministic()
    {
        string input = CopyScenarios();
        byte[] first = File.ReadAllBytes(Weave(input, "woven.dll"));
        Assert.Equal(first, File.ReadAllBytes(Weave(input, "woven.dll")));
    }

    [Fact]
    public void Weaving_in_place_rewrites_the_assembly_and_its_symbols()
    {
        string input = CopyScenarios();
        byte[] before = File.ReadAllBytes(input);
        byte[] symbolsBefore = File.ReadAllBytes(Path.ChangeExtension(input, ".pdb"));

        Assert.Equal(WeaveOutcome.Woven, AssemblyWeaver.Weave(input, input, new WeaverOptions(), new CollectingLog(), Runtime));

        Assert.NotEqual(before, File.ReadAllBytes(input));
        Assert.NotEqual(symbolsBefore, File.ReadAllBytes(Path.ChangeExtension(input, ".pdb")));
        Assert.Empty(Directory.GetDirectories(_folder));
    }

    [Fact]
    public void An_assembly_woven_with_other_options_is_refused()
    {
        string woven = Weave(CopyScenarios(), "woven.dll");
        var other = new WeaverOptions { Mode = "regions" };

        var refusal = Assert.Throws<WeavingRefusedException>(() => AssemblyWeaver.Weave(woven, woven, other, new CollectingLog(), Runtime));

        Assert.Equal("STM0014", refusal.Code);
        Assert.Contains("Weave the original assembly", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reference assembly", "STM0013")]
    [InlineData("not an assembly", "STM0021")]
    [InlineData("the runtime", "STM0010")]
    [InlineData("missing", "STM0020")]
    public void Unsupported_input_is_refused_and_nothing_is_written(string kind, string code)
    {
        string input = kind switch
        {
            "reference assembly" => ReferenceAssembly(),
            "not an assembly" => WriteFile("notes.dll", "this is not a PE file"),
            "the runtime" => Runtime,
            _ => Path.Combine(_folder, "missing.dll"),
        };
        string output = Path.Combine(_folder, "out", "result.dll");

        var refusal = Assert.Throws<WeavingRefusedException>(() => AssemblyWeaver.Weave(input, output, new WeaverOptions(), new CollectingLog(), Runtime));

        Assert.Equal(code, refusal.Code);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Diagnostics_print_in_the_compiler_format_with_the_source_location()
    {
        var point = new Mono.Cecil.Cil.SequencePoint(Mono.Cecil.Cil.Instruction.Create(Mono.Cecil.Cil.OpCodes.Nop), new Mono.Cecil.Cil.Document("/src/App.cs"))
        {
            StartLine = 12,
            StartColumn = 5,
            EndLine = 12,
            EndColumn = 20,
        };

        var diagnostic = new WeaverDiagnostic(DiagnosticSeverity.Warning, "STM2001", "Accesses to arrays of rank above 3 are not tracked.", point);

        Assert.Equal("/src/App.cs(12,5): warning STM2001: Accesses to arrays of rank above 3 are not tracked.", diagnostic.ToString());
    }

    private string CopyScenarios()
    {
        string target = Path.Combine(_folder, "Scenarios.dll");
        File.Copy(Path.Combine(BinDirectory, "Scenarios.dll"), target, overwrite: true);
        File.Copy(Path.Combine(BinDirectory, "Scenarios.pdb"), Path.ChangeExtension(target, ".pdb"), overwrite: true);
        return target;
    }

    private string Weave(string input, string outputName)
    {
        string output = Path.Combine(_folder, outputName);
        Assert.Equal(WeaveOutcome.Woven, AssemblyWeaver.Weave(input, output, new WeaverOptions(), new CollectingLog(), Runtime));
        return output;
    }

    private string WriteFile(string name, string contents)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, contents);
        return path;
    }

    /// <summary>A metadata-only assembly from the SDK's reference pack (the compiler's view of System.Runtime).</summary>
    internal static string ReferenceAssembly()
    {
        string packs = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location))))!, "packs", "Microsoft.NETCore.App.Ref");
        return Directory.GetFiles(packs, "System.Runtime.dll", SearchOption.AllDirectories).First(p => p.Contains("ref", StringComparison.Ordinal));
    }
}
