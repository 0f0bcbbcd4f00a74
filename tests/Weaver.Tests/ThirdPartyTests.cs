using Stm.Weaving;

namespace Stm.Weaver.Tests;

/// <summary>
/// A real third-party library from NuGet (QuikGraph) and a driver that uses it from two threads
/// (TestAssemblies/ThirdPartyDriver), woven together once per test run: the library is woven into
/// a "woven" folder, then the driver is woven beside it (so that its calls into the library are
/// calls into woven code), next to an untouched copy of the original pair.
/// </summary>
public sealed class ThirdPartyAssemblies : IDisposable
{
    public const string Library = "QuikGraph";
    public const string Driver = "ThirdPartyDriver";

    private static readonly string BinDirectory = AppContext.BaseDirectory;

    private readonly Dictionary<string, WeaveOutcome> _outcomes = [];
    private readonly Dictionary<string, WeavingRefusedException> _refusals = [];
    private readonly CollectingLog _log = new();

    public ThirdPartyAssemblies()
    {
        Root = Path.Combine(Path.GetTempPath(), "stmweave-thirdparty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "original"));
        Directory.CreateDirectory(Path.Combine(Root, "woven"));
        foreach (string name in new[] { Library, Driver })
            AssemblyFiles.CopyWithSymbols(Path.Combine(BinDirectory, name + ".dll"), OriginalPath(name));

        Weave(Library, OriginalPath(Library));
        // The driver is woven in place in the woven folder: the weaver resolves its references
        // beside the input, and there it finds the woven library.
        AssemblyFiles.CopyWithSymbols(OriginalPath(Driver), WovenPath(Driver));
        Weave(Driver, WovenPath(Driver));
    }

    public string Root { get; }

    public IReadOnlyList<WeaverDiagnostic> Diagnostics => _log.Diagnostics;

    public string OriginalPath(string name) => Path.Combine(Root, "original", name + ".dll");

    public string WovenPath(string name) => Path.Combine(Root, "woven", name + ".dll");

    /// <summary>How weaving <paramref name="name"/> ended; fails the calling test if the weaver refused it.</summary>
    public WeaveOutcome OutcomeOf(string name)
    {
        if (_refusals.TryGetValue(name, out var refusal))
            Assert.Fail($"weaving {name} was refused ({refusal.Code}): {refusal.Message}\n{string.Join('\n', Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))}");
        return _outcomes[name];
    }

    private void Weave(string name, string input)
    {
        try
        {
            _outcomes[name] = AssemblyWeaver.Weave(input, WovenPath(name), new WeaverOptions(), _log, Path.Combine(BinDirectory, "Stm.dll"));
        }
        catch (WeavingRefusedException refusal)
        {
            _refusals[name] = refusal;
        }
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

/// <summary>A third-party library woven with a two-threaded driver prints exactly what the unwoven pair prints.</summary>
public sealed class ThirdPartyTests(ThirdPartyAssemblies assemblies) : IClassFixture<ThirdPartyAssemblies>
{
    private const string DriverType = "ThirdParty.ThirdPartyDriver";

    public static TheoryData<string> Woven => [ThirdPartyAssemblies.Library, ThirdPartyAssemblies.Driver];

    [Fact]
    public void The_library_and_the_driver_are_woven_without_errors()
    {
        Assert.Equal(WeaveOutcome.Woven, assemblies.OutcomeOf(ThirdPartyAssemblies.Library));
        Assert.Equal(WeaveOutcome.Woven, assemblies.OutcomeOf(ThirdPartyAssemblies.Driver));
        Assert.DoesNotContain(assemblies.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Each_driver_runs_against_its_own_copy_of_the_library()
    {
        assemblies.OutcomeOf(ThirdPartyAssemblies.Driver);
        Assert.Equal($"{assemblies.OriginalPath(ThirdPartyAssemblies.Library)}|woven=False", Result(assemblies.OriginalPath(ThirdPartyAssemblies.Driver), "Library"));
        Assert.Equal($"{assemblies.WovenPath(ThirdPartyAssemblies.Library)}|woven=True", Result(assemblies.WovenPath(ThirdPartyAssemblies.Driver), "Library"));
    }

    [Theory]
    [InlineData("serial mode on")]
    [InlineData("serial mode off")]
    public void The_woven_pair_prints_exactly_what_the_original_pair_prints(string mode)
    {
        assemblies.OutcomeOf(ThirdPartyAssemblies.Driver);
        var environment = mode == "serial mode off" ? new Dictionary<string, string> { ["STM_SERIAL"] = "0" } : null;

        // What the driver printed (the runner's transaction counters differ, of course).
        static string[] Printed(string[] lines) => [.. lines.Where(l => !WovenAssemblies.IsRunnerCounter(l))];
        var original = Printed(WovenAssemblies.RunRunner(null, "call", assemblies.OriginalPath(ThirdPartyAssemblies.Driver), DriverType, "Run"));
        var woven = Printed(WovenAssemblies.RunRunner(environment, "call", assemblies.WovenPath(ThirdPartyAssemblies.Driver), DriverType, "Run"));

        // The unwoven pair really ran: both threads' reports, the shared graph's summary, routes on the road map.
        Assert.Equal(3, original.Length);
        Assert.StartsWith("result\tthread 0: D[scc=", original[0], StringComparison.Ordinal);
        Assert.StartsWith("thread 1: D[scc=", original[1], StringComparison.Ordinal);
        Assert.Contains("R[Amsterdam>Berlin>Prague>Vienna:1335km", original[0], StringComparison.Ordinal);
        Assert.Contains("R[Berlin>Paris>Madrid:2320km", original[1], StringComparison.Ordinal);
        Assert.StartsWith("shared: v=304 e=540 scc=", original[2], StringComparison.Ordinal);
        Assert.Equal(original, woven);
    }

    [Theory]
    [MemberData(nameof(Woven))]
    public void Every_woven_method_compiles(string name)
    {
        assemblies.OutcomeOf(name);
        var lines = WovenAssemblies.RunRunner(null, "prepare", assemblies.WovenPath(name));
        var failed = lines.Where(l => l.StartsWith("FAILED", StringComparison.Ordinal)).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} methods failed to compile:\n{string.Join('\n', failed.Take(30))}");
        Assert.Contains(lines, l => l.StartsWith("prepared\t", StringComparison.Ordinal));
    }

    private static string Result(string driver, string method)
    {
        var lines = WovenAssemblies.RunRunner(null, "call", driver, DriverType, method);
        string result = Assert.Single(lines, l => l.StartsWith("result\t", StringComparison.Ordinal) || l.StartsWith("exception\t", StringComparison.Ordinal));
        Assert.StartsWith("result\t", result, StringComparison.Ordinal);
        return result["result\t".Length..];
    }
}
