using Stm.Weaving;

namespace Stm.Weaver.Tests;

/// <summary>Woven TestAssemblies behave exactly like the originals, and every woven method compiles.</summary>
public sealed class EquivalenceTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    public static TheoryData<string> TestAssemblies => [.. WovenAssemblies.WithEntryPoints];

    [Fact]
    public void The_test_assemblies_are_woven_without_errors()
    {
        Assert.All(WovenAssemblies.Names, name => Assert.Equal(WeaveOutcome.Woven, assemblies.OutcomeOf(name)));
        Assert.DoesNotContain(assemblies.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_warning_points_at_the_source_line_of_what_it_is_about()
    {
        var warning = Assert.Single(assemblies.Diagnostics, d => d.Code == "STM2001");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.EndsWith("RegionScenarios.cs", warning.Location!.Document.Url, StringComparison.Ordinal);
        Assert.Matches(@"RegionScenarios\.cs\(\d+,\d+\): warning STM2001: ", warning.ToString());
    }

    [Theory]
    [MemberData(nameof(TestAssemblies))]
    public void Every_woven_method_compiles(string name)
    {
        var lines = WovenAssemblies.RunRunner(null, "prepare", assemblies.WovenPath(name));
        Assert.DoesNotContain(lines, l => l.StartsWith("FAILED", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("prepared\t", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestAssemblies))]
    public void Every_entry_point_gives_the_original_result(string name)
    {
        var original = WovenAssemblies.RunRunner(null, "run", assemblies.OriginalPath(name));
        var woven = WovenAssemblies.RunRunner(null, "run", assemblies.WovenPath(name));
        Assert.NotEmpty(original);
        Assert.Equal(original, woven);
    }
}
