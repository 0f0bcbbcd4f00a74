using System.Text.RegularExpressions;
using Stm.Fuzz.Execution;

namespace Stm.Fuzz.Pipeline;

/// <summary>What a woven run must print, and how it failed if it did not.</summary>
internal static partial class Oracle
{
    /// <summary>
    /// The expected output: the original's, except that a racy section's check must read
    /// "race NAME ok" woven, whatever the original printed (it may lose updates; woven code must not).
    /// </summary>
    public static string Expected(string originalOutput) => RaceLine().Replace(originalOutput, "race $1 ok");

    [GeneratedRegex(@"^race (\S+) .*$", RegexOptions.Multiline)]
    private static partial Regex RaceLine();

    /// <summary>
    /// A woven method the JIT takes longer than this to compile in a campaign (and <see cref="JitSlowdown"/>
    /// times the original's slowest) is a finding: the program stalls on its first call as if it hung
    /// (a run's bound is at least 20 s). Woven methods have more blocks than their originals, and
    /// the JIT's time on a method with handlers grows with their blocks squared (docs/fuzzing.md);
    /// compiles past <see cref="SlowJit"/> are listed, not counted: a performance matter.
    /// </summary>
    public static readonly TimeSpan JitBound = TimeSpan.FromSeconds(10);

    /// <summary>A woven method's compile time the campaign lists (<c>slow JIT</c> lines, the summary's count).</summary>
    public static readonly TimeSpan SlowJit = TimeSpan.FromSeconds(1);

    private const int JitSlowdown = 100;

    /// <summary>The finding of a woven run compared with the original's, or null when they agree.</summary>
    public static Finding? Judge(RunResult original, RunResult woven, RunMode mode, TimeSpan jitBound)
    {
        switch (woven.Status)
        {
            case RunStatus.Hung:
                return new Finding(FindingKind.Hang, mode, "", $"{woven.ExceptionMessage}; the original took {original.Milliseconds:0} ms");
            case RunStatus.Crashed:
                return new Finding(FindingKind.Exception, mode, "crash", $"the woven program crashed the runner: {woven.ExceptionMessage}");
        }
        if (woven.JitFailure is { } jit)
            return new Finding(FindingKind.Exception, mode, "jit", $"a woven method does not compile: {jit}");
        double originalSlowest = original.SlowestCompile?.Milliseconds ?? 0;
        if (woven.SlowestCompile is { } slow && slow.Milliseconds > Math.Max(jitBound.TotalMilliseconds, JitSlowdown * originalSlowest))
        {
            return new Finding(FindingKind.Jit, mode, "",
                $"the JIT took {slow.Milliseconds:0} ms to compile {slow.Method}; the original's slowest method took {originalSlowest:0} ms");
        }
        if (woven.Exception != original.Exception)
        {
            return new Finding(FindingKind.Exception, mode, woven.Exception ?? "none",
                $"expected {original.Exception ?? "no exception"}, got {woven.Exception ?? "no exception"}{(woven.ExceptionMessage is { } message ? ": " + message : "")}");
        }
        string expected = Expected(original.Output);
        if (woven.Output == expected)
            return null;
        // A lost update and a wrong value are different findings: a reduction that drops a race
        // check's condition makes every run print "LOST", which must not pass for the wrong value it reduces.
        var (symptom, wantedLine) = FirstDifference(expected, woven.Output);
        return new Finding(FindingKind.Output, mode, wantedLine is not null && RaceLine().IsMatch(wantedLine) ? "race" : "", symptom);
    }

    /// <summary>The first line that differs, e.g. <c>line 3: expected "Section1 42", got "Section1 41"</c>, and the line expected there.</summary>
    public static (string Symptom, string? Expected) FirstDifference(string expected, string actual)
    {
        string[] want = expected.Split('\n'), got = actual.Split('\n');
        for (int i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            string? a = i < want.Length ? want[i] : null, b = i < got.Length ? got[i] : null;
            if (a != b)
                return ($"line {i + 1}: expected {Quote(a)}, got {Quote(b)}", a);
        }
        return ("outputs differ", null);
    }

    private static string Quote(string? line) => line is null ? "end of output" : $"\"{line}\"";
}
