using Stm.Core;

namespace Stm.Tests;

/// <summary>Sets whether serial mode may be used, for one test (the setting is process-wide).</summary>
internal static class StmMode
{
    /// <summary>Serial mode off, so one thread runs real STM transactions.</summary>
    public static IDisposable Force() => Set(serialModeEnabled: false);

    public static IDisposable Set(bool serialModeEnabled) => new Scope(serialModeEnabled);

    private sealed class Scope : IDisposable
    {
        private readonly bool _previous = ExecutionModes.SerialModeEnabled;

        public Scope(bool serialModeEnabled) => ExecutionModes.SerialModeEnabled = serialModeEnabled;

        public void Dispose() => ExecutionModes.SerialModeEnabled = _previous;
    }
}
