using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Stm.Weaver.Tests;

/// <summary>The stmweave command on a small app (CounterApp + the Workloads library it uses), and on bad input.</summary>
public sealed class CliTests : IDisposable
{
    private static readonly string BinDirectory = AppContext.BaseDirectory;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "stmweave-cli-" + Guid.NewGuid().ToString("N"));
    private readonly string _app;

    public CliTests()
    {
        _app = Path.Combine(_root, "app");
        Directory.CreateDirectory(_app);
        foreach (string file in new[] { "CounterApp.dll", "CounterApp.pdb", "CounterApp.deps.json", "CounterApp.runtimeconfig.json", "Workloads.dll", "Workloads.pdb" })
            File.Copy(Path.Combine(BinDirectory, file), Path.Combine(_app, file));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Weaving_into_an_output_folder_gives_an_app_that_runs_with_plain_dotnet_and_loses_no_update()
    {
        string output = Path.Combine(_root, "woven");
        var (exitCode, stdout, stderr) = Stmweave(Path.Combine(_app, "CounterApp.dll"), Path.Combine(_app, "Workloads.dll"), "-o", output);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("wove", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "Stm.dll")));
        Assert.True(File.Exists(Path.Combine(output, "CounterApp.runtimeconfig.json")));
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "CounterApp.deps.json")))!;
        Assert.NotNull(deps["libraries"]!.AsObject().FirstOrDefault(l => l.Key.StartsWith("Stm/", StringComparison.Ordinal)).Value);
        Assert.Equal("counter=4000000 static=8000000 histogram=4000000 alone=2000000", Run(Path.Combine(output, "CounterApp.dll"), "2000000"));
        // The inputs are left as they were.
        Assert.Equal(File.ReadAllBytes(Path.Combine(BinDirectory, "Workloads.dll")), File.ReadAllBytes(Path.Combine(_app, "Workloads.dll")));
    }

    [Fact]
    public void An_app_whose_library_alone_is_woven_loads_the_runtime_from_its_folder()
    {
        string output = Path.Combine(_root, "woven");
        var (exitCode, _, stderr) = Stmweave(Path.Combine(_app, "Workloads.dll"), "-o", output);
        Assert.True(exitCode == 0, stderr);

        // The app is not woven, its library is: the app's deps.json must list Stm.dll for the library to load it.
        var run = DotnetProcess.Run(Path.Combine(output, "CounterApp.dll"), ["200000"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith("counter=400000 ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Weaving_in_place_twice_weaves_once()
    {
        string library = Path.Combine(_app, "Workloads.dll");
        Assert.Equal(0, Stmweave(library).ExitCode);
        byte[] woven = File.ReadAllBytes(library);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(BinDirectory, "Workloads.dll")), woven);

        var (exitCode, stdout, _) = Stmweave(library);

        Assert.Equal(0, exitCode);
        Assert.Contains("already woven", stdout, StringComparison.Ordinal);
        Assert.Equal(woven, File.ReadAllBytes(library));
    }

    [Theory]
    [InlineData("missing", "STM0020")]
    [InlineData("empty", "STM0021")]
    [InlineData("text", "STM0021")]
    [InlineData("truncated", "STM0021")]
    public void Bad_input_gets_one_line_error_a_non_zero_exit_and_is_left_untouched(string kind, string code)
    {
        string input = Path.Combine(_app, "input.dll");
        byte[] bytes = kind switch
        {
            "empty" => [],
            "text" => "not an assembly"u8.ToArray(),
            "truncated" => File.ReadAllBytes(Path.Combine(_app, "Workloads.dll"))[..2000],
            _ => [],
        };
        if (kind != "missing")
            File.WriteAllBytes(input, bytes);

        var (exitCode, _, stderr) = Stmweave(input);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"stmweave: error {code}: ", line, StringComparison.Ordinal);
        if (kind == "missing")
            Assert.False(File.Exists(input));
        else
            Assert.Equal(bytes, File.ReadAllBytes(input));
    }

    [Fact]
    public void A_dry_run_reports_per_method_and_writes_nothing()
    {
        string library = Path.Combine(_app, "Workloads.dll");
        byte[] before = File.ReadAllBytes(library);

        var (exitCode, stdout, stderr) = Stmweave("--dry-run", library);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Legacy.Workloads::MultiplyRows", stdout, StringComparison.Ordinal);
        Assert.Matches(@"Workloads\.dll: \d+ methods instrumented .* barriers, \d+ elided, \d+ commit points, \d+ serial loop copies, \d+ foreign call sites", stdout);
        Assert.Contains("nothing written", stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(library));
        Assert.Empty(Directory.GetDirectories(_app));
    }

    [Fact]
    public void Include_and_exclude_patterns_select_the_types_woven()
    {
        string library = Path.Combine(_app, "Workloads.dll");

        var included = MethodLines(Stmweave("--dry-run", "--include", "Legacy.Xor*", library).Stdout);
        var excluded = MethodLines(Stmweave("--dry-run", "--exclude", "Legacy.XorShift", "--exclude", "Legacy.Bank", library).Stdout);

        Assert.NotEmpty(included);
        Assert.All(included, line => Assert.Contains("Legacy.XorShift::", line, StringComparison.Ordinal));
        Assert.NotEmpty(excluded);
        Assert.DoesNotContain(excluded, line => line.Contains("Legacy.XorShift::", StringComparison.Ordinal) || line.Contains("Legacy.Bank::", StringComparison.Ordinal));
    }

    [Fact]
    public void A_call_rule_from_the_command_line_changes_how_calls_are_woven()
    {
        string library = Path.Combine(_app, "Workloads.dll");

        int shipped = ForeignCallSites(Stmweave("--dry-run", library).Stdout);
        int withRule = ForeignCallSites(Stmweave("--dry-run", "--call", "System.Threading.Thread::Start=foreign", library).Stdout);

        // Workloads starts its threads in two methods: shipped, Thread.Start is a blocking call; with the rule, a foreign call.
        Assert.Equal(shipped + 2, withRule);
    }

    private static int ForeignCallSites(string dryRunOutput) =>
        int.Parse(Regex.Match(dryRunOutput, @"(\d+) foreign call sites").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> MethodLines(string dryRunOutput) =>
        [.. dryRunOutput.Split('\n').Where(line => line.StartsWith("  ", StringComparison.Ordinal))];

    [Fact]
    public void The_demo_weaves_the_bundled_program_and_its_checks_pass()
    {
        var (exitCode, stdout, stderr) = Stmweave("demo");

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("woven", stdout, StringComparison.Ordinal);
        string wovenCounter = stdout.Split('\n').Single(line => line.TrimStart().StartsWith("woven ", StringComparison.Ordinal));
        Assert.Contains("(0 updates lost)", wovenCounter, StringComparison.Ordinal);
        Assert.Contains("every check passed", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--mode", "regions", "app.dll")]
    [InlineData("--no-such-option", "app.dll")]
    [InlineData("--call", "Foo::Bar=sometimes", "app.dll")]
    [InlineData("--call", "Foo.Bar=pure", "app.dll")]
    public void A_wrong_command_line_is_a_usage_error(params string[] arguments)
    {
        var (exitCode, _, stderr) = Stmweave(arguments);
        Assert.Equal(2, exitCode);
        Assert.Contains("stmweave: error:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mixed-mode", "STM0011")]
    [InlineData("ReadyToRun composite", "STM0012")]
    public void Images_without_rewritable_IL_are_refused_and_left_untouched(string kind, string code)
    {
        // The CLI header's flags say what the image is: ILOnly cleared means native code besides
        // IL (mixed-mode), ILLibrary set means a ReadyToRun composite image.
        string input = Path.Combine(_app, "input.dll");
        byte[] bytes = File.ReadAllBytes(Path.Combine(_app, "Workloads.dll"));
        using (var reader = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(bytes)))
        {
            int flags = reader.PEHeaders.CorHeaderStartOffset + 16;
            int value = BitConverter.ToInt32(bytes, flags);
            value = kind == "mixed-mode" ? value & ~1 : value | 4;
            BitConverter.GetBytes(value).CopyTo(bytes, flags);
        }
        File.WriteAllBytes(input, bytes);

        var (exitCode, _, stderr) = Stmweave(input);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"stmweave: error {code}: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(input));
    }

    [Fact]
    public void An_assembly_whose_dependency_is_missing_is_refused_and_left_untouched()
    {
        string alone = Path.Combine(_root, "alone");
        Directory.CreateDirectory(alone);
        string input = Path.Combine(alone, "CounterApp.dll");
        File.Copy(Path.Combine(_app, "CounterApp.dll"), input);
        byte[] before = File.ReadAllBytes(input);

        var (exitCode, _, stderr) = Stmweave(input);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("stmweave: error STM0030: ", line, StringComparison.Ordinal);
        Assert.Contains("Workloads", line, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void A_method_the_weaver_fails_on_is_named_in_one_error_line_and_the_other_inputs_are_still_woven()
    {
        string broken = Path.Combine(_app, "Workloads.dll");
        CorruptBodyOf(broken, "XorShift", "Next");
        byte[] before = File.ReadAllBytes(broken);
        string app = Path.Combine(_app, "CounterApp.dll");

        var (exitCode, stdout, stderr) = Stmweave(broken, app);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("stmweave: error STM0026: Workloads.dll: the weaver failed on System.UInt32 Legacy.XorShift::Next() (", line, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(broken));
        Assert.Contains($"wove {app}", stdout, StringComparison.Ordinal);
    }

    /// <summary>Makes the IL body of <paramref name="type"/>.<paramref name="method"/> claim more code than the file holds: the weaver fails reading it.</summary>
    private static void CorruptBodyOf(string assembly, string type, string method)
    {
        byte[] image = File.ReadAllBytes(assembly);
        int offset;
        using (var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(image)))
        {
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var definition = metadata.MethodDefinitions.Select(metadata.GetMethodDefinition)
                .Single(m => metadata.GetString(m.Name) == method && metadata.GetString(metadata.GetTypeDefinition(m.GetDeclaringType()).Name) == type);
            Assert.True(pe.PEHeaders.TryGetDirectoryOffset(new System.Reflection.PortableExecutable.DirectoryEntry(definition.RelativeVirtualAddress, 0), out offset));
        }
        // A fat header: flags and header size, max stack, then the code size.
        image[offset] = 0x13;
        image[offset + 1] = 0x30;
        BitConverter.GetBytes(0x7FFF_FFF0).CopyTo(image, offset + 4);
        File.WriteAllBytes(assembly, image);
    }

    [Theory]
    [InlineData("--help", "Usage:")]
    [InlineData("--version", "0.1.0")]
    public void Help_and_version_answer_and_exit_0(string option, string expected)
    {
        var (exitCode, stdout, _) = Stmweave(option);
        Assert.Equal(0, exitCode);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reference assembly", "STM0013")]
    [InlineData("the runtime", "STM0010")]
    public void Assemblies_that_cannot_be_woven_are_refused_and_left_untouched(string kind, string code)
    {
        string source = kind == "the runtime"
            ? Path.Combine(BinDirectory, "Stm.dll")
            : WeavingTests.ReferenceAssembly();
        string input = Path.Combine(_app, "input.dll");
        File.Copy(source, input);
        byte[] before = File.ReadAllBytes(input);

        var (exitCode, _, stderr) = Stmweave(input);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"stmweave: error {code}: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    private static (int ExitCode, string Stdout, string Stderr) Stmweave(params string[] arguments) =>
        DotnetProcess.Run(Path.Combine(BinDirectory, "stmweave.dll"), arguments);

    private static string Run(string app, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = DotnetProcess.Run(app, arguments);
        Assert.True(exitCode == 0, stderr);
        return stdout.Trim();
    }
}
