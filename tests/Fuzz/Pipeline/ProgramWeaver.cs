using Stm.Weaving;

namespace Stm.Fuzz.Pipeline;

/// <summary>What weaving a program gave: woven, a documented refusal (the program is skipped), or a failure (a finding).</summary>
internal sealed record WeaveResult(bool Woven, string? Refusal, string? Failure);

/// <summary>Weaves a compiled program with the engine, as a library.</summary>
internal static class ProgramWeaver
{
    /// <summary>Refusals the weaver documents for inputs it cannot handle (docs/weaver.md, pass 1).</summary>
    private static readonly HashSet<string> s_documentedRefusals = ["STM0010", "STM0011", "STM0012", "STM0013", "STM0014"];

    private static readonly string s_runtimePath = typeof(Transaction).Assembly.Location;

    public static WeaveResult Weave(string input, string output)
    {
        var log = new ErrorLog();
        try
        {
            AssemblyWeaver.Weave(input, output, new WeaverOptions(), log, s_runtimePath);
            return new WeaveResult(true, null, null);
        }
        catch (WeavingRefusedException refusal) when (s_documentedRefusals.Contains(refusal.Code))
        {
            return new WeaveResult(false, $"{refusal.Code}: {refusal.Message}", null);
        }
        catch (WeavingRefusedException refusal)
        {
            return new WeaveResult(false, null, $"{refusal.Code}: {refusal.Message}{log.Errors}");
        }
        catch (Exception exception)
        {
            return new WeaveResult(false, null, $"{exception.GetType().FullName}: {exception.Message}\n{exception.StackTrace}");
        }
    }

    /// <summary>Keeps the errors: they explain an STM0022 refusal (STM0026 names the method the weaver failed on).</summary>
    private sealed class ErrorLog : IWeaverLog
    {
        private readonly List<string> _errors = [];

        public string Errors => _errors.Count == 0 ? "" : "\n" + string.Join('\n', _errors);

        public void Report(WeaverDiagnostic diagnostic)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
                _errors.Add(diagnostic.ToString());
        }
    }
}
