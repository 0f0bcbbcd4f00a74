using Stm.Core;

namespace Stm.Tests;

/// <summary>Turns serial mode off for a test, so one thread runs real STM transactions.</summary>
internal static class StmMode
{
    public static IDisposable Force() => new Scope();

    private sealed class Scope : IDisposable
    {
        private readonly bool _previous = ExecutionModes.SerialModeEnabled;

        public Scope() => ExecutionModes.SerialModeEnabled = false;

        public void Dispose() => ExecutionModes.SerialModeEnabled = _previous;
    }
}
