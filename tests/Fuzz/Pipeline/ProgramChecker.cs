using Stm.Fuzz.Execution;

namespace Stm.Fuzz.Pipeline;

/// <summary>What checking one program gave.</summary>
/// <param name="WovenRuns">Woven runs made (one per mode reached).</param>
/// <param name="Refusal">A documented refusal: the program was not woven and is not a finding.</param>
/// <param name="SlowestCompile">The woven method the JIT took longest to compile, and the original's slowest time (ms).</param>
internal sealed record CheckResult(IReadOnlyList<Finding> Findings, int WovenRuns, string? Refusal, (CompileTime Woven, double Original)? SlowestCompile = null);

/// <summary>
/// The differential check of one program: compile, weave, run the original, run the woven
/// program in each mode (in parallel, each in its runner), compare.
/// </summary>
internal sealed class ProgramChecker(Runners runners, string workDirectory, ProgramChecker.Bounds bounds)
{
    /// <summary>
    /// How long a woven run may take: <see cref="Slowdown"/> times the original's time and at least
    /// <paramref name="Minimum"/>; a run that runs out is run again with <paramref name="Confirmation"/>
    /// times its bound before it counts as a hang (a loaded machine is slow, not hung). A woven
    /// method may take the JIT up to <paramref name="Jit"/> (<see cref="Oracle.Judge"/>).
    /// </summary>
    internal sealed record Bounds(TimeSpan Minimum, int Confirmation, TimeSpan Jit)
    {
        public static readonly Bounds Campaign = new(TimeSpan.FromSeconds(20), 3, Oracle.JitBound);

        /// <summary>A reduction checks a hang many times over: a short bound, unconfirmed, is what makes that affordable.</summary>
        public static readonly Bounds Reduction = new(TimeSpan.FromSeconds(6), 1, Oracle.JitBound);

        /// <summary>A fixed finding is held to what its fix reached, with room for a loaded machine: a JIT slowdown comes back as a finding.</summary>
        public static readonly Bounds Regression = Campaign with { Jit = TimeSpan.FromSeconds(2) };
    }

    public ProgramChecker(Runners runners, string workDirectory)
        : this(runners, workDirectory, Bounds.Campaign)
    {
    }

    /// <summary>This checker with other bounds (same runners, same work folder).</summary>
    public ProgramChecker With(Bounds other) => new(runners, workDirectory, other);

    /// <summary>The original of a generated program finishes in well under a second; past this it is a generator bug.</summary>
    private static readonly TimeSpan OriginalBound = TimeSpan.FromSeconds(30);

    private const int Slowdown = 10;

    public CheckResult Check(string source, bool optimize, int abortPeriod, IReadOnlyList<RunMode> modes, string name)
    {
        string directory = Path.Combine(workDirectory, name);
        try
        {
            return CheckIn(directory, source, optimize, abortPeriod, modes);
        }
        finally
        {
            TryDelete(directory);
        }
    }

    private CheckResult CheckIn(string directory, string source, bool optimize, int abortPeriod, IReadOnlyList<RunMode> modes)
    {
        string original = Path.Combine(directory, "original");
        string woven = Path.Combine(directory, "woven", "Program.dll");
        if (ProgramCompiler.Compile(source, optimize, original) is { } errors)
            return new CheckResult([new Finding(FindingKind.Compile, null, "compile", $"the generated program does not compile:\n{errors}")], 0, null);
        var weaving = ProgramWeaver.Weave(Path.Combine(original, "Program.dll"), woven);
        if (weaving.Failure is { } failure)
            return new CheckResult([new Finding(FindingKind.Weave, null, failure.Split(':')[0], failure)], 0, null);
        if (!weaving.Woven)
            return new CheckResult([], 0, weaving.Refusal);
        var reference = runners.Original.Run(new RunRequest(Path.Combine(original, "Program.dll"), 0, Prepare: true), OriginalBound);
        if (reference.Status != RunStatus.Completed)
            return new CheckResult([new Finding(FindingKind.Compile, null, "original", $"the original did not finish normally ({reference.Status}): {reference.ExceptionMessage}")], 0, null);
        var bound = TimeSpan.FromMilliseconds(Math.Max(bounds.Minimum.TotalMilliseconds, Slowdown * reference.Milliseconds));
        var runs = modes.Select(mode => Task.Run(() =>
        {
            var request = new RunRequest(woven, mode.InjectsAborts ? abortPeriod : 0, Prepare: mode == RunMode.Default);
            var result = runners.Woven(mode).Run(request, bound);
            if (result.Status == RunStatus.Hung && bounds.Confirmation > 1)
                result = runners.Woven(mode).Run(request, bounds.Confirmation * bound);
            return (Finding: Oracle.Judge(reference, result, mode, bounds.Jit), result.SlowestCompile);
        })).ToArray();
        Task.WaitAll(runs);
        var slowest = runs.Select(r => r.Result.SlowestCompile).OfType<CompileTime>().MaxBy(c => c.Milliseconds);
        return new CheckResult([.. runs.Select(r => r.Result.Finding).OfType<Finding>()], modes.Count, null,
            slowest is null ? null : (slowest, reference.SlowestCompile?.Milliseconds ?? 0));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A runner still has it open: the work folder is removed at the end.
        }
    }
}
