using System.Globalization;

namespace Stm.Weaver.Tests;

/// <summary>The runtime counts, per call site of woven code, how often a call into code that is not woven made a transaction inevitable.</summary>
public sealed class CallSiteStatisticsTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    [Fact]
    public void A_call_that_forces_inevitability_is_counted_at_its_call_site()
    {
        // Two threads, 5,000 lookups each, every one in a lock region that calls Dictionary.TryGetValue (not woven).
        var lines = WovenAssemblies.RunRunner(new Dictionary<string, string> { ["STM_SERIAL"] = "0" },
            "call", assemblies.WovenPath("Locks"), "Locks.LockPrograms", "LockedDictionaryCache", "2", "5000", "512", "7");
        Assert.Contains("result\twrong=0,entriesCorrect=True", lines);

        var sites = lines.Where(l => l.StartsWith("inevitable-site\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        var lookup = Assert.Single(sites, s => s[2].StartsWith("System.Collections.Generic.Dictionary`2<System.Int32,System.Int64>::TryGetValue in Locks.LockPrograms/LockedCache::GetOrAdd (LockPrograms.cs:", StringComparison.Ordinal));
        Assert.InRange(long.Parse(lookup[1], CultureInfo.InvariantCulture), 5_000, 10_000);
        // Most frequent first.
        Assert.Equal(lookup, sites[0]);
    }
}
