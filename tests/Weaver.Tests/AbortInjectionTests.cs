namespace Stm.Weaver.Tests;

/// <summary>
/// The proof that restart, shadow locals and catch hardening are right: for every entry point,
/// the woven code is aborted once at its k-th barrier, for every k up to its barrier count, and
/// must still give the original result.
/// </summary>
public sealed class AbortInjectionTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    private static readonly Dictionary<string, string> InjectionEnvironment = new()
    {
        ["STM_ABORT_INJECTION"] = "1",
        ["STM_SERIAL"] = "0",
    };

    [Theory]
    [MemberData(nameof(EquivalenceTests.TestAssemblies), MemberType = typeof(EquivalenceTests))]
    public void An_abort_at_any_barrier_of_any_entry_point_gives_the_original_result(string name)
    {
        var lines = WovenAssemblies.RunRunner(InjectionEnvironment, "inject", assemblies.OriginalPath(name), assemblies.WovenPath(name));
        var mismatches = lines.Where(l => l.StartsWith("MISMATCH", StringComparison.Ordinal)).ToList();
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(30)));
        var entries = lines.Where(l => l.StartsWith("entry\t", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(entries);
        // Most entries must have been aborted somewhere. Not all: a transaction that became
        // inevitable before a call into code that is not woven (LINQ, spans, pointers) cannot abort.
        var withBarriers = entries.Where(l => Count(l, "barriers") > 0).ToList();
        var neverAborted = withBarriers.Where(l => Count(l, "injected") == 0).ToList();
        Assert.True(neverAborted.Count * 4 <= withBarriers.Count, $"{neverAborted.Count} of {withBarriers.Count} entries were never aborted:\n{string.Join('\n', neverAborted)}");
        Assert.True(entries.Sum(l => Count(l, "injected")) >= entries.Count);
    }

    private static long Count(string entryLine, string name)
    {
        string field = entryLine.Split('\t').Single(f => f.StartsWith(name + "=", StringComparison.Ordinal));
        return long.Parse(field[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
