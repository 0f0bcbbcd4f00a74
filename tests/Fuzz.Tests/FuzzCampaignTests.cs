namespace Stm.Fuzz.Tests;

/// <summary>A bounded, seeded campaign on every build: small enough for well under two minutes on 2 cores.</summary>
public sealed class FuzzCampaignTests
{
    private const int Seed = 20251204;
    private const int Programs = 6;

    [Fact]
    public void Seeded_campaign_finds_nothing()
    {
        string findings = Path.Combine(Path.GetTempPath(), "stm-fuzz-ci-" + Guid.NewGuid().ToString("N"));
        var log = new StringWriter();
        // No reduction here: a failure names the seed and index, and the fuzzer reproduces and reduces it.
        var options = new FuzzOptions { Seed = Seed, Count = Programs, ReduceBudget = TimeSpan.Zero, FindingsDirectory = findings };
        var summary = new Campaign(options, log).Run();
        Assert.True(summary.Findings == 0, $"fuzz campaign seed {Seed} ({Programs} programs): {summary}\nreproduce: dotnet run -c Release --project tests/Fuzz -- --seed {Seed} --count {Programs}\n{log}");
        Assert.Equal(Programs, summary.Programs);
    }
}
