using Stm.Weaving;

namespace Stm.Weaver.Tests;

/// <summary>
/// Weaves each TestAssembly once per test run (into a temporary folder, next to an untouched
/// copy of the original) and runs original and woven code in the runner process.
/// </summary>
public sealed class WovenAssemblies : IDisposable
{
    private static readonly string BinDirectory = AppContext.BaseDirectory;

    /// <summary>The TestAssemblies woven here; each is copied beside the tests by a project reference.</summary>
    public static readonly string[] Names = ["Scenarios", "Regions", "Workloads", "Locks", "Objects"];

    /// <summary>Those whose entry points (<c>public static string X()</c> on <c>*Scenarios</c> classes) the runner runs and compares.</summary>
    public static readonly string[] WithEntryPoints = ["Scenarios", "Regions", "Locks", "Objects"];

    /// <summary>
    /// How multithreaded programs are run: as woven (serial mode when one thread runs), in STM
    /// mode on every thread, and with an abort injected at every 7th barrier.
    /// </summary>
    public static readonly Dictionary<string, Dictionary<string, string>?> Modes = new()
    {
        ["default"] = null,
        ["STM mode"] = new() { ["STM_SERIAL"] = "0" },
        ["aborts injected"] = new() { ["STM_ABORT_INJECTION"] = "1", ["STM_ABORT_PERIOD"] = "7" },
    };

    private readonly Dictionary<string, WeaveOutcome> _outcomes = [];
    private readonly CollectingLog _log = new();

    public WovenAssemblies()
    {
        Root = Path.Combine(Path.GetTempPath(), "stmweave-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "original"));
        Directory.CreateDirectory(Path.Combine(Root, "woven"));
        foreach (string name in Names)
        {
            string original = CopyOriginal(name);
            _outcomes[name] = AssemblyWeaver.Weave(original, WovenPath(name), new WeaverOptions(), _log, Path.Combine(BinDirectory, "Stm.dll"));
        }
    }

    public string Root { get; }

    /// <summary>The Scenarios assembly, original and woven.</summary>
    public string Original => OriginalPath("Scenarios");

    public string Woven => WovenPath("Scenarios");

    public IReadOnlyList<WeaverDiagnostic> Diagnostics => _log.Diagnostics;

    public string OriginalPath(string name) => Path.Combine(Root, "original", name + ".dll");

    public string WovenPath(string name) => Path.Combine(Root, "woven", name + ".dll");

    public WeaveOutcome OutcomeOf(string name) => _outcomes[name];

    private string CopyOriginal(string name)
    {
        string target = OriginalPath(name);
        AssemblyFiles.CopyWithSymbols(Path.Combine(BinDirectory, name + ".dll"), target);
        return target;
    }

    /// <summary>Lines the runner's <c>call</c> adds after the result: the transaction counters.</summary>
    public static bool IsRunnerCounter(string line) =>
        line.StartsWith("commits\t", StringComparison.Ordinal) || line.StartsWith("transactions\t", StringComparison.Ordinal) || line.StartsWith("inevitable-site\t", StringComparison.Ordinal);

    /// <summary>Runs the runner with <paramref name="arguments"/>; returns its output lines. Fails on a crash or timeout.</summary>
    public static string[] RunRunner(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = DotnetProcess.Run(Path.Combine(BinDirectory, "Stm.WovenRunner.dll"), arguments, environment);
        Assert.True(exitCode == 0, $"runner {string.Join(' ', arguments)} exited with {exitCode}:\n{stdout}\n{stderr}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A runner still holding a file: the temp folder is left for the OS to clean.
        }
    }
}
