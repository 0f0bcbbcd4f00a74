using System.Diagnostics;
using Stm.Fuzz.Execution;
using Stm.Fuzz.Generation;
using Stm.Fuzz.Pipeline;

namespace Stm.Fuzz;

/// <summary>
/// Generates programs from a seed and checks each (original against woven, in every mode); every
/// program with a finding is reduced and saved. Program <c>i</c> of seed <c>s</c> is always the
/// same program, so <c>--seed s --index i</c> reproduces it.
/// </summary>
internal sealed class Campaign(FuzzOptions options, TextWriter log)
{
    public static int ProgramSeed(int seed, int index) => unchecked(seed * 1_000_003 + index);

    /// <summary>A small abort period per program (every n-th barrier aborts).</summary>
    public static int AbortPeriod(int programSeed) => 2 + (programSeed & int.MaxValue) % 30;

    public CampaignSummary Run()
    {
        var summary = new CampaignSummary(options.Seed);
        var clock = Stopwatch.StartNew();
        WithChecker((checker, reporter) =>
        {
            IEnumerable<int> indexes = options.Index is { } only ? [only] : Enumerable.Range(0, options.Count);
            foreach (int index in indexes)
            {
                int programSeed = ProgramSeed(options.Seed, index);
                var generated = ProgramGenerator.Generate(programSeed, options.Features);
                if (options.Print)
                    log.WriteLine(generated.Source);
                var program = new ProgramFile(generated.Source, generated.Optimize, AbortPeriod(programSeed));
                var result = checker.Check(program.Source, program.Optimize, program.AbortPeriod, RunMode.All, $"p{index}");
                Tally(summary, result, $"seed={options.Seed} index={index}");
                if (result.Findings.Count > 0)
                {
                    var first = result.Findings[0];
                    string[] origin = [$"seed={options.Seed} index={index} families={options.Features}", $"reproduce: dotnet run -c Release --project tests/Fuzz -- --seed {options.Seed} --index {index}{Without()}"];
                    reporter.Report(program, first, $"{first.Kind.ToString().ToLowerInvariant()}-{options.Seed}-{index}", origin);
                }
                if (summary.Programs % 25 == 0)
                    log.WriteLine($"... {summary.Programs} programs, {summary.Findings} findings, {clock.Elapsed.TotalSeconds:0} s");
            }
        });
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    /// <summary>Checks one saved program (a finding, a regression) in every mode.</summary>
    public CampaignSummary Replay(string path)
    {
        var summary = new CampaignSummary(options.Seed);
        var clock = Stopwatch.StartNew();
        WithChecker((checker, reporter) =>
        {
            var program = ProgramFile.Read(path);
            var result = checker.Check(program.Source, program.Optimize, program.AbortPeriod, RunMode.All, "replay");
            Tally(summary, result, Path.GetFileName(path));
            if (result.Findings.Count > 0 && options.ReduceBudget > TimeSpan.Zero)
                reporter.Report(program, result.Findings[0], Path.GetFileNameWithoutExtension(path) + "-reduced", [$"replay of {path}"]);
        });
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    private void WithChecker(Action<ProgramChecker, FindingReporter> run)
    {
        string work = Path.Combine(Path.GetTempPath(), $"stm-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var runners = new Runners(Runners.CampaignRunsPerProcess);
            using var freshRunners = new Runners(runsPerProcess: 1);
            var checker = new ProgramChecker(runners, work);
            var reducing = new ProgramChecker(freshRunners, work, ProgramChecker.Bounds.Reduction);
            run(checker, new FindingReporter(reducing, options, log));
        }
        finally
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
    }

    private void Tally(CampaignSummary summary, CheckResult result, string where)
    {
        summary.Programs++;
        summary.WovenRuns += result.WovenRuns;
        if (result.Refusal is { } refusal)
        {
            summary.Refused++;
            log.WriteLine($"refused {where}: {refusal}");
        }
        foreach (var finding in result.Findings)
        {
            summary.Add(finding.Kind);
            log.WriteLine($"finding {where}: {finding}");
        }
        if (result.SlowestCompile is var (woven, original))
        {
            summary.AddCompile(woven, where);
            if (woven.Milliseconds > Oracle.SlowJit.TotalMilliseconds)
                log.WriteLine($"slow JIT {where}: {woven.Method} took {woven.Milliseconds:0} ms to compile woven; the original's slowest method {original:0} ms");
        }
    }

    private string Without() => options.Features.Excluded.Count == 0 ? "" : " --without " + string.Join(",", options.Features.Excluded.Select(f => f.ToString().ToLowerInvariant()));
}
