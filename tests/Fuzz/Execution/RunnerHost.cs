using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;

namespace Stm.Fuzz.Execution;

/// <summary>
/// The runner process (<c>Stm.Fuzz runner</c>): reads one <see cref="RunRequest"/> per line on
/// stdin, runs that program's Main on a fresh thread with Console.Out captured, and answers one
/// <see cref="RunResult"/> per line. Each program gets a load context of its own; Stm and the
/// framework come from this process. The contexts are not collectible (the runtime keeps
/// per-type caches), so the fuzzer restarts a runner every few dozen programs instead.
/// </summary>
internal static class RunnerHost
{
    /// <summary>The runtime's test hook (internal to Stm): abort at every n-th barrier.</summary>
    private static readonly Type? s_abortInjection = typeof(Transaction).Assembly.GetType("Stm.Core.AbortInjection");

    public static int Serve()
    {
        // Answers go to the real stdout; the programs' Console.Out is redirected per run.
        using var answers = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        // As in any program past its first barrier: AbortInjection.Enabled is then a constant to
        // the JIT, and the methods PrepareAll compiles look like those a real run compiles.
        if (s_abortInjection is not null)
            RuntimeHelpers.RunClassConstructor(s_abortInjection.TypeHandle);
        while (Console.In.ReadLine() is { } line)
        {
            var request = JsonSerializer.Deserialize<RunRequest>(line)!;
            answers.WriteLine(JsonSerializer.Serialize(Run(request)));
        }
        return 0;
    }

    private static RunResult Run(RunRequest request)
    {
        var output = new StringWriter();
        Console.SetOut(output);
        Exception? escaped = null;
        string? jitFailure = null;
        CompileTime? slowest = null;
        var elapsed = TimeSpan.Zero;
        var main = new Thread(() =>
        {
            try
            {
                var assembly = new AssemblyLoadContext(request.AssemblyPath).LoadFromAssemblyPath(request.AssemblyPath);
                if (request.Prepare)
                    (jitFailure, slowest) = PrepareAll(assembly);
                if (request.AbortPeriod > 0)
                    ArmAborts(request.AbortPeriod);
                var clock = Stopwatch.StartNew();
                try
                {
                    assembly.EntryPoint!.Invoke(null, assembly.EntryPoint.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
                }
                finally
                {
                    elapsed = clock.Elapsed;
                    if (request.AbortPeriod > 0)
                        ArmAborts(0);
                }
            }
            catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
            {
                escaped = inner;
            }
            catch (Exception exception)
            {
                // Loading failed (BadImageFormatException…): as much a finding as an exception from Main.
                escaped = exception;
            }
        });
        main.Start();
        main.Join();
        Console.SetOut(TextWriter.Null);
        return new RunResult(RunStatus.Completed, output.ToString(), escaped?.GetType().FullName, escaped?.Message, jitFailure, elapsed.TotalMilliseconds, slowest);
    }

    /// <summary>Aborts at every <paramref name="period"/>-th barrier (0: none) through the runtime's test hook.</summary>
    private static void ArmAborts(int period)
    {
        var armPeriodic = s_abortInjection?.GetMethod("ArmPeriodic", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("Stm.Core.AbortInjection.ArmPeriodic(long) not found: the runtime's abort injection hook changed.");
        armPeriodic.Invoke(null, [(long)period]);
    }

    /// <summary>JIT-compiles every non-generic method: the first failure (or null), and the method that took longest.</summary>
    private static (string? Failure, CompileTime? Slowest) PrepareAll(Assembly assembly)
    {
        CompileTime? slowest = null;
        const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        foreach (var type in assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method.IsAbstract || method.ContainsGenericParameters || method.GetMethodBody() is null)
                    continue;
                var before = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
                try
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                }
                catch (Exception exception) when (exception is InvalidProgramException or BadImageFormatException or TypeLoadException or MissingMethodException or MissingFieldException or FieldAccessException or MethodAccessException or System.Security.VerificationException)
                {
                    return ($"{type.FullName}::{method}: {exception.GetType().FullName}: {exception.Message}", slowest);
                }
                double milliseconds = (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - before).TotalMilliseconds;
                if (milliseconds > (slowest?.Milliseconds ?? -1))
                    slowest = new CompileTime($"{type.FullName}::{method.Name}", milliseconds);
            }
        }
        return (null, slowest);
    }
}
