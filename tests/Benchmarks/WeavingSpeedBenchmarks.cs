using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Stm.Testing;

namespace Stm.Benchmarks;

/// <summary>
/// Weaving a real third-party library of about 1 MB, file to file (read with symbols when there are
/// any, all passes, write to a staging folder, move into place), with a warm engine; the setup also
/// times the first weave in the process (a cold JIT, as the stmweave command pays it) and prints it
/// to the log. The libraries are ones this project already ships beside the benchmarks (NuGet
/// packages, not part of the shared framework). Weaving must succeed without error diagnostics:
/// otherwise the setup fails with them.
/// </summary>
[Config(typeof(WholeProgramConfig))]
[InvocationCount(1)]
public class WeavingSpeedBenchmarks
{
    private string _input = "";
    private string _output = "";

    /// <summary>BenchmarkDotNet.dll 0.15.8 (net8.0): 1.24 MB, 2,500 types.</summary>
    [Params("BenchmarkDotNet")]
    public string Assembly { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _input = Path.Combine(WovenPair.BinDirectory, Assembly + ".dll");
        _output = Path.Combine(Path.GetTempPath(), "stmweave-bench-" + Guid.NewGuid().ToString("N"), Assembly + ".dll");
        var log = new CollectingLog();
        var watch = Stopwatch.StartNew();
        var outcome = WovenPair.WeaveChecked(_input, _output, log);
        watch.Stop();
        Console.WriteLine($"// first (cold) weave of {Assembly}.dll ({new FileInfo(_input).Length:N0} bytes): {watch.Elapsed.TotalMilliseconds:F0} ms, {outcome}, " +
                          $"output {new FileInfo(_output).Length:N0} bytes; {WovenPair.WeaverBuild}: {log.Summary()}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean.
        }
    }

    [Benchmark]
    public void Weave() => WovenPair.WeaveChecked(_input, _output, new CollectingLog());
}
