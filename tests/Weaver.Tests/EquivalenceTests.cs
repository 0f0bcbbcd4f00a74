using Stm.Weaving;

namespace Stm.Weaver.Tests;

/// <summary>Woven TestAssemblies behave exactly like the originals, and every woven method compiles.</summary>
public sealed class EquivalenceTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    public static TheoryData<string> TestAssemblies => [.. WovenAssemblies.Names];

    [Fact]
    public void The_test_assemblies_are_woven_without_errors()
    {
        Assert.All(WovenAssemblies.Names, name => Assert.Equal(WeaveOutcome.Woven, assemblies.OutcomeOf(name)));
        Assert.DoesNotContain(assemblies.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
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
