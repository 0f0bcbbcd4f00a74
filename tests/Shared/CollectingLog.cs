using Stm.Weaving;

namespace Stm.Testing;

/// <summary>Keeps the weaver's diagnostics.</summary>
internal sealed class CollectingLog : IWeaverLog
{
    private readonly List<WeaverDiagnostic> _diagnostics = [];

    public IReadOnlyList<WeaverDiagnostic> Diagnostics => _diagnostics;

    public int ErrorCount => _diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    public void Report(WeaverDiagnostic diagnostic)
    {
        lock (_diagnostics)
            _diagnostics.Add(diagnostic);
    }

    public string Errors() => string.Join('\n', _diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));

    /// <summary>How many diagnostics of each severity and code, e.g. "Warning STM2001 ×3".</summary>
    public string Summary() =>
        _diagnostics.Count == 0
            ? "no diagnostics"
            : string.Join(", ", _diagnostics.GroupBy(d => (d.Severity, d.Code)).OrderBy(g => g.Key).Select(g => $"{g.Key.Severity} {g.Key.Code} x{g.Count()}"));
}
