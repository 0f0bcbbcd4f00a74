namespace Stm.Fuzz.Execution;

/// <summary>
/// The runner processes of a campaign: one for the originals, one per woven mode, each restarted
/// after <paramref name="runsPerProcess"/> programs. A reduction runs each candidate in a fresh
/// process (1): what the runtime and the JIT kept from earlier programs (tiered code, caches, the
/// clock) can decide whether a finding shows, and a reduced program must fail as it does alone.
/// </summary>
internal sealed class Runners(int runsPerProcess) : IDisposable
{
    /// <summary>A campaign's runners: their load contexts are never freed, so a runner is restarted every few dozen programs.</summary>
    public const int CampaignRunsPerProcess = 40;

    private readonly Dictionary<RunMode, RunnerProcess> _woven = RunMode.All.ToDictionary(m => m, m => new RunnerProcess(m, runsPerProcess));

    public RunnerProcess Original { get; } = new(RunMode.Default, runsPerProcess);

    public RunnerProcess Woven(RunMode mode) => _woven[mode];

    public void Dispose()
    {
        Original.Dispose();
        foreach (var runner in _woven.Values)
            runner.Dispose();
    }
}
