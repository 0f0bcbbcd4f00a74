using System.Text.RegularExpressions;

namespace Stm.Weaver.Tests;

/// <summary>A theory that needs <c>../shared/corpus</c> beside the repository: skipped, saying so, where it is absent (a user's fresh clone).</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (Repository.SharedCorpus is null)
            Skip = "needs the shared corpus (../shared/corpus beside the repository), which is not there";
    }
}

/// <summary>
/// The shared corpus: ordinary multithreaded programs written outside this project (never copied
/// or changed here), built with its own build.sh into a temporary folder and woven with the
/// stmweave command (<c>stmweave X.dll -o DIR</c>), once per test run.
/// </summary>
public sealed class SharedCorpus : IDisposable
{
    private readonly Lazy<string> _root = new(BuildAndWeave);

    /// <summary>The programs, by folder name (empty without the corpus).</summary>
    public static IEnumerable<string> Programs =>
        Repository.SharedCorpus is { } corpus
            ? Directory.GetDirectories(corpus).Where(d => File.Exists(Path.Combine(d, "Program.cs"))).Select(Path.GetFileName).Order(StringComparer.Ordinal)!
            : [];

    public string OriginalPath(string program) => Path.Combine(_root.Value, "original", program, program + ".dll");

    public string WovenPath(string program) => Path.Combine(_root.Value, "woven", program, program + ".dll");

    public void Dispose()
    {
        if (_root.IsValueCreated)
            Directory.Delete(_root.Value, recursive: true);
    }

    private static string BuildAndWeave()
    {
        string root = Path.Combine(Path.GetTempPath(), "stmweave-corpus-" + Guid.NewGuid().ToString("N"));
        string original = Path.Combine(root, "original");
        Directory.CreateDirectory(root);
        var build = DotnetProcess.Program("bash", [Path.Combine(Repository.SharedCorpus!, "build.sh"), original], root);
        Assert.True(build.ExitCode == 0, $"the corpus's build.sh failed:\n{build.Stdout}\n{build.Stderr}");
        foreach (string program in Programs)
        {
            var weave = DotnetProcess.Run(Path.Combine(AppContext.BaseDirectory, "stmweave.dll"),
                [Path.Combine(original, program, program + ".dll"), "-o", Path.Combine(root, "woven", program)]);
            Assert.True(weave.ExitCode == 0, $"stmweave {program}.dll failed:\n{weave.Stdout}\n{weave.Stderr}");
        }
        return root;
    }
}

/// <summary>
/// Every corpus program woven is correct at 1 and 2 threads: it finishes within the time bound (a
/// hang fails), prints <c>ok=True</c> and the original's <c>check=</c> (which depends only on the
/// inputs). <c>racystats</c> forgot its locks: at 2 threads its original usually loses updates
/// (<c>ok=False</c>), and the woven one must not.
/// </summary>
public sealed class CorpusTests(SharedCorpus corpus) : IClassFixture<SharedCorpus>
{
    /// <summary>Each program takes about a second originally; woven, a run that takes this long is a hang.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(120);

    public static TheoryData<string, int> Runs()
    {
        var runs = new TheoryData<string, int>();
        foreach (string program in SharedCorpus.Programs)
        {
            runs.Add(program, 1);
            runs.Add(program, 2);
        }
        return runs;
    }

    [CorpusTheory]
    [MemberData(nameof(Runs))]
    public void A_woven_corpus_program_is_correct(string program, int threads)
    {
        var original = Result(corpus.OriginalPath(program), threads);
        var woven = Result(corpus.WovenPath(program), threads);

        Assert.True(woven.Ok, $"woven {program} at {threads} threads: {woven.Line}");
        Assert.Equal(original.Check, woven.Check);
    }

    private static (bool Ok, string Check, string Line) Result(string program, int threads)
    {
        var (_, stdout, stderr) = DotnetProcess.Run(program, [threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "1"], timeout: TimeBound);
        string last = stdout.TrimEnd().Split('\n').LastOrDefault() ?? "";
        var match = Regex.Match(last, @"^RESULT \S+ ok=(True|False) ms=\d+ check=(.*)$");
        Assert.True(match.Success, $"{program} {threads}: no RESULT line:\n{stdout}\n{stderr}");
        return (match.Groups[1].Value == "True", match.Groups[2].Value, last);
    }
}
