namespace Stm.Weaver.Tests;

/// <summary>Legacy code that forgot its lock stops losing updates once woven.</summary>
public sealed class ConcurrencyTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    private const int Threads = 2;
    private const int Increments = 2_000_000;

    [Fact]
    public void An_unsynchronized_counter_loses_updates_unwoven_and_none_woven()
    {
        // Unwoven: the two threads' load/add/store sequences interleave; bounded attempts, since
        // a busy machine may happen to run the threads one after the other.
        var unwoven = new List<long>();
        for (int attempt = 0; attempt < 10 && (unwoven.Count == 0 || unwoven[^1] == Threads * Increments); attempt++)
            unwoven.Add(Hammer(assemblies.OriginalPath("Workloads")));
        Assert.True(unwoven[^1] < Threads * Increments, $"the unwoven counter never lost an update in {unwoven.Count} runs: {string.Join(", ", unwoven)}");

        for (int run = 0; run < 3; run++)
            Assert.Equal(Threads * Increments, Hammer(assemblies.WovenPath("Workloads")));
    }

    [Fact]
    public void Atomic_transfers_from_several_threads_keep_every_audit_consistent_when_woven()
    {
        var lines = WovenAssemblies.RunRunner(null, "call", assemblies.WovenPath("Regions"), "Regions.RegionConcurrency", "TransfersAndAudits", "3", "20000");
        Assert.Equal("result\t16000,0", Assert.Single(lines, l => l.StartsWith("result\t", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("STM mode")]
    public void A_static_constructor_runs_as_the_original_while_an_inevitable_transaction_waits_for_it(string mode)
    {
        var lines = WovenAssemblies.RunRunner(WovenAssemblies.Modes[mode], "call", assemblies.WovenPath("Regions"), "Regions.RegionConcurrency", "InevitableMeetsStaticConstructor");
        Assert.Equal("result\t42,1", Assert.Single(lines, l => l.StartsWith("result\t", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_long_loop_with_no_call_commits_at_its_back_edges()
    {
        var lines = WovenAssemblies.RunRunner(null, "call", assemblies.Woven, "Scenarios.LongLoop", "Sum", "1000000");
        Assert.Equal("result\t499999500000", Assert.Single(lines, l => l.StartsWith("result\t", StringComparison.Ordinal)));
        string commits = Assert.Single(lines, l => l.StartsWith("commits\t", StringComparison.Ordinal));
        // Serial mode commits every 1,024 commit points: about a thousand commits for a million iterations.
        Assert.InRange(long.Parse(commits["commits\t".Length..], System.Globalization.CultureInfo.InvariantCulture), 100, 1_000_000);
    }

    private static long Hammer(string assembly)
    {
        var lines = WovenAssemblies.RunRunner(null, "call", assembly, "Legacy.SharedCounter", "IncrementFromThreads", Threads.ToString(), Increments.ToString());
        string result = Assert.Single(lines, l => l.StartsWith("result\t", StringComparison.Ordinal));
        return long.Parse(result["result\t".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
