using Stm.Fuzz.Execution;
using Stm.Fuzz.Pipeline;

namespace Stm.Fuzz.Tests;

/// <summary>
/// Each reduced finding, once fixed, is a program in tests/Fuzz/Regressions (its header says how
/// it is compiled and the abort period): compiled, woven, and run original against woven in every
/// mode (default, STM mode, aborts injected), no woven method taking the JIT more than 2 s.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string RegressionDirectory = Path.Combine(AppContext.BaseDirectory, "Regressions");

    [Fact]
    public void Every_regression_program_behaves_as_its_original_in_every_mode()
    {
        string work = Path.Combine(Path.GetTempPath(), "stm-fuzz-regressions-" + Guid.NewGuid().ToString("N"));
        var failures = new List<string>();
        using (var runners = new Runners(Runners.CampaignRunsPerProcess))
        {
            var checker = new ProgramChecker(runners, work).With(ProgramChecker.Bounds.Regression);
            // The folder is copied only when it holds a program.
            string[] programs = Directory.Exists(RegressionDirectory) ? [.. Directory.GetFiles(RegressionDirectory, "*.cs").Order()] : [];
            foreach (string path in programs)
            {
                var program = ProgramFile.Read(path);
                var result = checker.Check(program.Source, program.Optimize, program.AbortPeriod, RunMode.All, Path.GetFileNameWithoutExtension(path));
                failures.AddRange(result.Findings.Select(f => $"{Path.GetFileName(path)}: {f}"));
                if (result.Refusal is { } refusal)
                    failures.Add($"{Path.GetFileName(path)}: refused: {refusal}");
            }
        }
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
