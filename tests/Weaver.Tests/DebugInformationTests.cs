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
    public void A_fault_in_a_loop_keeps_its_line_in_serial_mode_and_in_stm_mode()
    {
        var original = Frames(assemblies.Original, "Scenarios.LoopFault", "WalkPastTheEnd");
        Assert.Single(original);
        Assert.Contains("Proofs.cs:line ", original[0], StringComparison.Ordinal);
        Assert.Equal(original, Frames(assemblies.Woven, "Scenarios.LoopFault", "WalkPastTheEnd"));
        Assert.Equal(original, Frames(assemblies.Woven, "Scenarios.LoopFault", "WalkPastTheEnd", new Dictionary<string, string> { ["STM_SERIAL"] = "0" }));
    }

    [Fact]
    public void Every_woven_assembly_has_its_symbols_rewritten_beside_it()
    {
        Assert.True(File.Exists(Path.ChangeExtension(assemblies.Woven, ".pdb")));
        Assert.True(File.GetLastWriteTimeUtc(Path.ChangeExtension(assemblies.Woven, ".pdb")) >= File.GetLastWriteTimeUtc(assemblies.Original));
    }

    private static List<string> Frames(string assembly, string type = "Scenarios.DeepState", string method = "Throw", Dictionary<string, string>? environment = null) =>
        WovenAssemblies.RunRunner(environment, "call", assembly, type, method)
            .Where(l => l.StartsWith("at Scenarios.", StringComparison.Ordinal))
            .ToList();
}
