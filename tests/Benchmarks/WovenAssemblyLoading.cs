using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Stm.Testing;
using Stm.Weave.Tool;
using Stm.Weaving;

namespace Stm.Benchmarks;

/// <summary>
/// Weaves a copy of an assembly beside this benchmark into a temporary folder, next to an untouched
/// copy of the original, and loads each in a load context of its own (they share a name). The
/// woven copy's reference to Stm resolves to this process's Stm.dll, the one it was woven against.
/// </summary>
internal sealed class WovenPair : IDisposable
{
    private WovenPair(string root, Assembly original, Assembly woven, CollectingLog log)
    {
        Root = root;
        Original = original;
        Woven = woven;
        Log = log;
    }

    public string Root { get; }

    public Assembly Original { get; }

    public Assembly Woven { get; }

    /// <summary>What the weaver reported (no errors: those fail <see cref="Create"/>).</summary>
    public CollectingLog Log { get; }

    /// <summary>The folder this benchmark runs from (BenchmarkDotNet's generated project copies the references there).</summary>
    public static string BinDirectory => Path.GetDirectoryName(typeof(WovenPair).Assembly.Location)!;

    public static string RuntimePath => typeof(Atomic).Assembly.Location;

    /// <summary>Which build of the engine ran (deterministic builds: the MVID changes with the weaver's code).</summary>
    public static string WeaverBuild => $"Stm.Fody {typeof(AssemblyWeaver).Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>Weaves <paramref name="name"/>.dll from <see cref="BinDirectory"/>; fails on a refusal or an error diagnostic.</summary>
    public static WovenPair Create(string name)
    {
        string root = Path.Combine(Path.GetTempPath(), "stmweave-bench-" + Guid.NewGuid().ToString("N"));
        string original = Path.Combine(root, "original", name + ".dll");
        string woven = Path.Combine(root, "woven", name + ".dll");
        Directory.CreateDirectory(Path.GetDirectoryName(original)!);
        AssemblyFiles.CopyWithSymbols(Path.Combine(BinDirectory, name + ".dll"), original);

        var log = new CollectingLog();
        var outcome = WeaveChecked(original, woven, log);
        if (outcome != WeaveOutcome.Woven)
            throw new InvalidOperationException($"Weaving {name} gave {outcome}, expected {WeaveOutcome.Woven}.");

        var originalAssembly = Load(original);
        var wovenAssembly = Load(woven);
        if (IsWoven(originalAssembly) || !IsWoven(wovenAssembly))
            throw new InvalidOperationException($"The woven copy of {name} is not marked as woven, or the original is.");
        // Comparing against unoptimized IL (a Debug build) would flatter or hurt the woven copy.
        if (originalAssembly.GetCustomAttribute<DebuggableAttribute>() is { IsJITOptimizerDisabled: true })
            throw new InvalidOperationException($"{name}.dll was compiled without optimizations: build the benchmarks with -c Release.");
        return new WovenPair(root, originalAssembly, wovenAssembly, log);
    }

    /// <summary>Weaves and throws, with every error diagnostic, if the weaver refused the input or reported an error.</summary>
    public static WeaveOutcome WeaveChecked(string input, string output, CollectingLog log)
    {
        WeaveOutcome outcome;
        try
        {
            outcome = AssemblyWeaver.Weave(input, output, new WeaverOptions(), log, RuntimePath);
        }
        catch (WeavingRefusedException refusal)
        {
            throw new InvalidOperationException($"The weaver refused {input} ({refusal.Code}): {refusal.Message}\n{log.Errors()}", refusal);
        }
        if (log.ErrorCount > 0)
            throw new InvalidOperationException($"The weaver reported errors for {input}:\n{log.Errors()}");
        return outcome;
    }

    /// <summary>A static method as a delegate, created once, so the measured path pays no reflection.</summary>
    public static TDelegate Method<TDelegate>(Assembly assembly, string typeName, string methodName)
        where TDelegate : Delegate
    {
        var type = assembly.GetType(typeName, throwOnError: true)!;
        var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(typeName, methodName);
        return method.CreateDelegate<TDelegate>();
    }

    private static bool IsWoven(Assembly assembly) =>
        assembly.GetCustomAttributesData().Any(a => a.AttributeType.Name == "StmWovenAttribute");

    private static Assembly Load(string path) => WovenLoadContext.Load(path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean.
        }
    }
}
