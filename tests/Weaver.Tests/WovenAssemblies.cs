using System.Diagnostics;
using Stm.Weaving;

namespace Stm.Weaver.Tests;

/// <summary>
/// Weaves each TestAssembly once per test run (into a temporary folder, next to an untouched
/// copy of the original) and runs original and woven code in the runner process.
/// </summary>
public sealed class WovenAssemblies : IDisposable
{
    private static readonly string BinDirectory = AppContext.BaseDirectory;

    public WovenAssemblies()
    {
        Root = Path.Combine(Path.GetTempPath(), "stmweave-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "original"));
        Directory.CreateDirectory(Path.Combine(Root, "woven"));
        Original = CopyOriginal("Scenarios");
        Woven = Path.Combine(Root, "woven", "Scenarios.dll");
        var log = new CollectingLog();
        Outcome = AssemblyWeaver.Weave(Original, Woven, new WeaverOptions(), log, Path.Combine(BinDirectory, "Stm.dll"));
        Diagnostics = log.Diagnostics;
    }

    public string Root { get; }
    public string Original { get; }
    public string Woven { get; }
    public WeaveOutcome Outcome { get; }
    public IReadOnlyList<WeaverDiagnostic> Diagnostics { get; }

    private string CopyOriginal(string name)
    {
        string target = Path.Combine(Root, "original", name + ".dll");
        File.Copy(Path.Combine(BinDirectory, name + ".dll"), target);
        File.Copy(Path.Combine(BinDirectory, name + ".pdb"), Path.ChangeExtension(target, ".pdb"));
        return target;
    }

    /// <summary>Runs the runner with <paramref name="arguments"/>; returns its output lines. Fails on a crash or timeout.</summary>
    public static string[] RunRunner(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = BinDirectory };
        start.ArgumentList.Add(Path.Combine(BinDirectory, "Stm.WovenRunner.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"runner {string.Join(' ', arguments)} timed out");
        }
        Assert.True(process.ExitCode == 0, $"runner {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout}\n{stderr.Result}");
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

/// <summary>Keeps the weaver's diagnostics for assertions.</summary>
public sealed class CollectingLog : IWeaverLog
{
    private readonly List<WeaverDiagnostic> _diagnostics = [];

    public IReadOnlyList<WeaverDiagnostic> Diagnostics => _diagnostics;

    public void Report(WeaverDiagnostic diagnostic)
    {
        lock (_diagnostics)
            _diagnostics.Add(diagnostic);
    }
}
