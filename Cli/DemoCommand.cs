using System.Diagnostics;
using System.Reflection;
using Stm.Weaving;

namespace Stm.Weave.Tool;

/// <summary>
/// <c>stmweave demo</c>: weaves the bundled legacy program (TestAssemblies/Workloads: plain C#, no
/// locks, no STM) and runs original and woven side by side: an unsynchronized counter from every
/// core (the original loses updates, the woven one does not), then four programs on one thread
/// (same checksum; woven/original time). Exit code 1 if a check fails.
/// </summary>
public static class DemoCommand
{
    private const int Rounds = 5;
    private const int WarmupRounds = 5;

    public static int Run(TextWriter output, TextWriter error)
    {
        string folder = Path.Combine(Path.GetTempPath(), "stmweave-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            string original = Path.Combine(folder, "original", "Workloads.dll");
            string woven = Path.Combine(folder, "woven", "Workloads.dll");
            Directory.CreateDirectory(Path.GetDirectoryName(original)!);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "demo", "Workloads.dll"), original);
            var watch = Stopwatch.StartNew();
            AssemblyWeaver.Weave(original, woven, new WeaverOptions(), new SilentLog(), Path.Combine(AppContext.BaseDirectory, "Stm.dll"));
            output.WriteLine($"stmweave demo: {Environment.ProcessorCount} cores, .NET {Environment.Version}; wove Workloads.dll in {watch.ElapsedMilliseconds} ms");
            output.WriteLine();
            var originalAssembly = WovenLoadContext.Load(original);
            var wovenAssembly = WovenLoadContext.Load(woven);
            bool ok = SharedCounter(output, originalAssembly, wovenAssembly);
            output.WriteLine();
            ok &= OneThread(output, originalAssembly, wovenAssembly);
            output.WriteLine();
            output.WriteLine(ok ? "every check passed" : "A CHECK FAILED");
            return ok ? 0 : 1;
        }
        catch (WeavingRefusedException refusal)
        {
            error.WriteLine($"stmweave: error {refusal.Code}: {refusal.Message}");
            return 1;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The loaded copies may still be mapped; the temp folder is left for the OS.
            }
        }
    }

    private static bool SharedCounter(TextWriter output, Assembly original, Assembly woven)
    {
        int threads = Math.Max(2, Environment.ProcessorCount);
        const int Increments = 2_000_000;
        long expected = (long)threads * Increments;
        var run = Method<Func<int, int, long>>(original, "Legacy.SharedCounter", "IncrementFromThreads");
        var runWoven = Method<Func<int, int, long>>(woven, "Legacy.SharedCounter", "IncrementFromThreads");
        var (originalMs, originalCount) = Timed(() => run(threads, Increments));
        var (wovenMs, wovenCount) = Timed(() => runWoven(threads, Increments));
        output.WriteLine($"unsynchronized counter, {threads} threads x {Increments:N0} increments (expected {expected:N0}):");
        output.WriteLine($"  original {originalCount,13:N0} in {originalMs,7:F1} ms  ({expected - originalCount:N0} updates lost)");
        output.WriteLine($"  woven    {wovenCount,13:N0} in {wovenMs,7:F1} ms  ({expected - wovenCount:N0} updates lost)  {wovenMs / originalMs:F1}x the original's time: every increment of the one shared counter conflicts");
        return wovenCount == expected;
    }

    private static bool OneThread(TextWriter output, Assembly original, Assembly woven)
    {
        bool ok = true;
        output.WriteLine($"{"one thread, median of " + Rounds,-30} {"original ms",12} {"woven ms",9} {"woven/original",15}");
        foreach (var (name, size) in new[] { ("IntSet", 200_000), ("Bank", 1_000_000), ("Counter", 5_000_000), ("Kernel", 128) })
        {
            var run = Method<Func<int, long>>(original, "Legacy.Workloads", name);
            var runWoven = Method<Func<int, long>>(woven, "Legacy.Workloads", name);
            for (int round = 0; round < WarmupRounds; round++)
            {
                run(size);
                runWoven(size);
            }
            var (originalMs, originalSum) = Median(() => run(size));
            var (wovenMs, wovenSum) = Median(() => runWoven(size));
            ok &= originalSum == wovenSum;
            string check = originalSum == wovenSum ? "" : "  CHECKSUM DIFFERS";
            output.WriteLine($"{$"{name}({size:N0})",-30} {originalMs,12:F2} {wovenMs,9:F2} {wovenMs / originalMs,14:F2}x{check}");
        }
        return ok;
    }

    private static (double Milliseconds, long Result) Median(Func<long> run)
    {
        var rounds = Enumerable.Range(0, Rounds).Select(_ => Timed(run)).OrderBy(r => r.Milliseconds).ToList();
        return rounds[Rounds / 2];
    }

    private static (double Milliseconds, long Result) Timed(Func<long> run)
    {
        var watch = Stopwatch.StartNew();
        long result = run();
        return (watch.Elapsed.TotalMilliseconds, result);
    }

    private static TDelegate Method<TDelegate>(Assembly assembly, string type, string method)
        where TDelegate : Delegate =>
        assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<TDelegate>();

    private sealed class SilentLog : IWeaverLog
    {
        public void Report(WeaverDiagnostic diagnostic)
        {
        }
    }
}
