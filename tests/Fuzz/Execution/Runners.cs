namespace Stm.Fuzz.Execution;

/// <summary>The runner processes of a campaign: one for the originals, one per woven mode.</summary>
internal sealed class Runners : IDisposable
{
    private readonly Dictionary<RunMode, RunnerProcess> _woven = RunMode.All.ToDictionary(m => m, m => new RunnerProcess(m));

    public RunnerProcess Original { get; } = new(RunMode.Default);

    public RunnerProcess Woven(RunMode mode) => _woven[mode];

    public void Dispose()
    {
        Original.Dispose();
        foreach (var runner in _woven.Values)
            runner.Dispose();
    }
}
