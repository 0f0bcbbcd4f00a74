using Stm.Fuzz.Execution;
using Stm.Fuzz.Pipeline;
using Stm.Fuzz.Reduction;

namespace Stm.Fuzz;

/// <summary>Reduces a finding's program (while it fails the same way), saves it, and prints it.</summary>
/// <param name="reducing">Checks each candidate of a reduction (in fresh runners, with the reduction's bounds).</param>
internal sealed class FindingReporter(ProgramChecker reducing, FuzzOptions options, TextWriter log)
{
    /// <summary>Saves <paramref name="program"/> (reduced) as <paramref name="name"/>.cs in the findings folder.</summary>
    public void Report(ProgramFile program, Finding finding, string name, IEnumerable<string> origin)
    {
        string source = program.Source;
        // A generator bug (it does not compile) is not reduced: any broken program would "still fail".
        if (options.ReduceBudget > TimeSpan.Zero && finding.Kind != FindingKind.Compile)
        {
            IReadOnlyList<RunMode> modes = finding.Mode is null ? [] : [finding.Mode];
            var reducer = new Reducer(candidate => reducing.Check(candidate, program.Optimize, program.AbortPeriod, modes, "reduce").Findings.Any(f => f.SameAs(finding)), options.ReduceBudget);
            int before = CountLines(source);
            source = reducer.Reduce(source);
            log.WriteLine($"reduced {name} from {before} to {CountLines(source)} lines ({reducer.Checks} checks)");
        }
        Directory.CreateDirectory(options.FindingsDirectory);
        string path = Path.Combine(options.FindingsDirectory, name + ".cs");
        string[] comments = [$"stmweave fuzz finding: {finding}", .. origin];
        File.WriteAllText(path, (program with { Source = source }).Format(comments));
        log.WriteLine($"saved {path}:");
        log.WriteLine(source);
    }

    private static int CountLines(string text) => text.Count(c => c == '\n') + 1;
}
