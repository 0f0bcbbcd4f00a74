using Stm.Weaving;

namespace Stm.Weaver.Tests;

/// <summary>
/// A few small real NuGet libraries (PackageReferences of this test project, so their assemblies are
/// copied beside the tests), woven once per test run into a temporary folder next to an untouched
/// copy of the originals. The full set, with timings and sizes, is tests/Libraries/run.sh and
/// docs/libraries.md; these three are the fast ones of different kinds: parser combinators
/// (generics, closures, LINQ), a compression codec (pointers, unsafe code, spans) and a template
/// engine (reflection, dictionaries, regular expressions).
/// </summary>
public sealed class NuGetLibraries : IDisposable
{
    /// <summary>Assembly names (the packages: Sprache, K4os.Compression.LZ4, DotLiquid; versions in Directory.Packages.props).</summary>
    public static readonly string[] Names = ["Sprache", "K4os.Compression.LZ4", "DotLiquid"];

    private static readonly string BinDirectory = AppContext.BaseDirectory;

    private readonly Dictionary<string, WeaveOutcome> _outcomes = [];
    private readonly Dictionary<string, string> _failures = [];
    private readonly Dictionary<string, CollectingLog> _logs = [];

    public NuGetLibraries()
    {
        Root = Path.Combine(Path.GetTempPath(), "stmweave-libraries-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "original"));
        Directory.CreateDirectory(Path.Combine(Root, "woven"));
        foreach (string name in Names)
            AssemblyFiles.CopyWithSymbols(Path.Combine(BinDirectory, name + ".dll"), OriginalPath(name));
        foreach (string name in Names)
        {
            var log = _logs[name] = new CollectingLog();
            try
            {
                _outcomes[name] = AssemblyWeaver.Weave(OriginalPath(name), WovenPath(name), new WeaverOptions(), log, Path.Combine(BinDirectory, "Stm.dll"));
            }
            catch (WeavingRefusedException refusal)
            {
                _failures[name] = $"refused ({refusal.Code}): {refusal.Message}";
            }
        }
    }

    public string Root { get; }

    public string OriginalPath(string name) => Path.Combine(Root, "original", name + ".dll");

    public string WovenPath(string name) => Path.Combine(Root, "woven", name + ".dll");

    /// <summary>How weaving <paramref name="name"/> ended; fails the calling test if the weaver refused it or reported an error.</summary>
    public WeaveOutcome OutcomeOf(string name)
    {
        if (_failures.TryGetValue(name, out var failure))
            Assert.Fail($"weaving {name} was {failure}\n{_logs[name].Errors()}");
        Assert.True(_logs[name].ErrorCount == 0, $"weaving {name} reported errors:\n{_logs[name].Errors()}");
        return _outcomes[name];
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

/// <summary>Real libraries: the weaver does not fail on them, and every woven method compiles wherever the original's does.</summary>
public sealed class LibraryTests(NuGetLibraries libraries) : IClassFixture<NuGetLibraries>
{
    public static TheoryData<string> Libraries => [.. NuGetLibraries.Names];

    [Theory]
    [MemberData(nameof(Libraries))]
    public void The_library_is_woven(string name)
    {
        Assert.Equal(WeaveOutcome.Woven, libraries.OutcomeOf(name));
        Assert.True(new FileInfo(libraries.WovenPath(name)).Length > new FileInfo(libraries.OriginalPath(name)).Length, $"{name}: the woven assembly is not larger than the original");
    }

    /// <summary>
    /// The runner's <c>prepare</c> JIT-compiles every method of the original and of the woven
    /// library (generic ones instantiated): a method that fails only woven is a weaver bug. A method
    /// the runner finds no instantiation for ("violates the constraint") is not compiled at all; the
    /// weaver's accessors and twins in a type the runner cannot instantiate originally either are
    /// not counted.
    /// </summary>
    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_woven_method_compiles_where_the_original_does(string name)
    {
        libraries.OutcomeOf(name);
        var original = Prepare(libraries.OriginalPath(name));
        var woven = Prepare(libraries.WovenPath(name));
        Assert.True(woven.Prepared > original.Prepared, $"{name}: the runner compiled {woven.Prepared} woven methods, {original.Prepared} original ones");

        var uninstantiableTypes = original.Failures.Where(f => IsUninstantiable(f.Value)).Select(f => TypeOf(f.Key)).ToHashSet(StringComparer.Ordinal);
        var newFailures = woven.Failures
            .Where(f => !original.Failures.ContainsKey(f.Key))
            .Where(f => !IsUninstantiable(f.Value) || !uninstantiableTypes.Contains(TypeOf(f.Key)))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        Assert.True(newFailures.Count == 0,
            $"{name}: {newFailures.Count} woven methods fail to compile where the original's compile "
            + $"(original: {original.Failures.Count} failures of {original.Prepared + original.Failures.Count} methods):\n"
            + string.Join('\n', newFailures.Take(40).Select(f => $"  {f.Key}\n    {f.Value}")));
    }

    private static (int Prepared, Dictionary<string, string> Failures) Prepare(string assembly)
    {
        var lines = WovenAssemblies.RunRunner(null, "prepare", assembly);
        string prepared = Assert.Single(lines, l => l.StartsWith("prepared\t", StringComparison.Ordinal));
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var fields in lines.Where(l => l.StartsWith("FAILED\t", StringComparison.Ordinal)).Select(l => l.Split('\t')))
            failures.TryAdd(fields[1], fields.Length > 2 ? fields[2] : "");
        return (int.Parse(prepared["prepared\t".Length..], System.Globalization.CultureInfo.InvariantCulture), failures);
    }

    private static bool IsUninstantiable(string exception) => exception.Contains("violates the constraint", StringComparison.Ordinal);

    private static string TypeOf(string method) => method[..method.IndexOf("::", StringComparison.Ordinal)];
}
