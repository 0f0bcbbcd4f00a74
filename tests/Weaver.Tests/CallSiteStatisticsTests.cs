using System.Globalization;

namespace Stm.Weaver.Tests;

/// <summary>The runtime counts, per call site of woven code, how often a call into code that is not woven made a transaction inevitable.</summary>
public sealed class CallSiteStatisticsTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    [Fact]
    public void A_call_that_forces_inevitability_is_counted_at_its_call_site()
    {
        // Two threads, 300 lines each, every one printed in a lock region: Console.WriteLine is I/O.
        var lines = WovenAssemblies.RunRunner(new Dictionary<string, string> { ["STM_SERIAL"] = "0" },
            "call", assemblies.WovenPath("Locks"), "Locks.LockPrograms", "OutputInsideLock", "2", "300");
        Assert.Contains("result\tlines=600", lines);

        var sites = lines.Where(l => l.StartsWith("inevitable-site\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        var print = Assert.Single(sites, s => s[2].StartsWith("System.Console::WriteLine in Locks.LockPrograms/SequencedPrinter::Print (LockPrograms.cs:", StringComparison.Ordinal));
        // A region that waited for the lock restarts already holding it for real, and inevitable: counted once per line or less.
        Assert.InRange(long.Parse(print[1], CultureInfo.InvariantCulture), 1, 600);
        // Most frequent first.
        Assert.Equal(print, sites[0]);
    }
}
