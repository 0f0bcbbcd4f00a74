namespace Stm.Weaver.Tests;

/// <summary>Woven TestAssemblies behave exactly like the originals, and every woven method compiles.</summary>
public sealed class EquivalenceTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    [Fact]
    public void The_scenarios_assembly_is_woven_without_errors()
    {
        Assert.Equal(Stm.Weaving.WeaveOutcome.Woven, assemblies.Outcome);
        Assert.DoesNotContain(assemblies.Diagnostics, d => d.Severity == Stm.Weaving.DiagnosticSeverity.Error);
    }

    [Fact]
    public void Every_woven_method_compiles()
    {
        var lines = WovenAssemblies.RunRunner(null, "prepare", assemblies.Woven);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAILED", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("prepared\t", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_entry_point_gives_the_original_result()
    {
        var original = WovenAssemblies.RunRunner(null, "run", assemblies.Original);
        var woven = WovenAssemblies.RunRunner(null, "run", assemblies.Woven);
        Assert.NotEmpty(original);
        Assert.Equal(original, woven);
    }
}
