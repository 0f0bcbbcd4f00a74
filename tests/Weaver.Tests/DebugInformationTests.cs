namespace Stm.Weaver.Tests;

/// <summary>Woven code keeps the original source lines in stack traces (the PDB is rewritten with the assembly).</summary>
public sealed class DebugInformationTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    [Fact]
    public void A_stack_trace_through_woven_frames_shows_the_original_files_and_lines()
    {
        var original = Frames(assemblies.Original);
        var woven = Frames(assemblies.Woven);
        Assert.Equal(4, original.Count);
        Assert.All(original, frame => Assert.Contains("Proofs.cs:line ", frame, StringComparison.Ordinal));
        Assert.Equal(original, woven);
    }

    [Fact]
    public void Every_woven_assembly_has_its_symbols_rewritten_beside_it()
    {
        Assert.True(File.Exists(Path.ChangeExtension(assemblies.Woven, ".pdb")));
        Assert.True(File.GetLastWriteTimeUtc(Path.ChangeExtension(assemblies.Woven, ".pdb")) >= File.GetLastWriteTimeUtc(assemblies.Original));
    }

    private static List<string> Frames(string assembly) =>
        WovenAssemblies.RunRunner(null, "call", assembly, "Scenarios.DeepState", "Throw")
            .Where(l => l.StartsWith("at Scenarios.", StringComparison.Ordinal))
            .ToList();
}
