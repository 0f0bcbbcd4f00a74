using System.Globalization;

namespace Stm.Weaver.Tests;

/// <summary>The runtime counts, per call site of woven code, how often a call into code that is not woven made a transaction inevitable (inside [Atomic] regions; elsewhere such a call is a transaction break).</summary>
public sealed class CallSiteStatisticsTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    [Fact]
    public void A_call_that_forces_inevitability_is_counted_at_its_call_site()
    {
        // Two threads, 300 lines each, every one written to a TextWriter in an [Atomic] method: I/O in a region.
        var lines = WovenAssemblies.RunRunner(new Dictionary<string, string> { ["STM_SERIAL"] = "0" },
            "call", assemblies.WovenPath("Regions"), "Regions.RegionConcurrency", "AtomicLogging", "2", "300");
        Assert.Contains("result\t600,True", lines);

        var sites = lines.Where(l => l.StartsWith("inevitable-site\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        var write = Assert.Single(sites, s => s[2].StartsWith("System.IO.TextWriter::WriteLine in Regions.RegionConcurrency/NumberedLog::Append (RegionScenarios.cs:", StringComparison.Ordinal));
        Assert.InRange(long.Parse(write[1], CultureInfo.InvariantCulture), 1, 600);
        // Most frequent first.
        Assert.Equal(write, sites[0]);
    }

    [Fact]
    public void A_call_outside_regions_breaks_the_transaction_and_makes_nothing_inevitable()
    {
        // The same lines printed in a lock region: the lock is taken for real and the transaction commits before the I/O.
        var lines = WovenAssemblies.RunRunner(new Dictionary<string, string> { ["STM_SERIAL"] = "0" },
            "call", assemblies.WovenPath("Locks"), "Locks.LockPrograms", "OutputInsideLock", "2", "300");
        Assert.Contains("result\tlines=600", lines);

        Assert.DoesNotContain(lines, l => l.StartsWith("inevitable-site\t", StringComparison.Ordinal) && l.Contains("Console::WriteLine", StringComparison.Ordinal));
    }
}
