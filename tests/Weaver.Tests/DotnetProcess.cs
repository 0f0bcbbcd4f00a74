using System.Diagnostics;

namespace Stm.Weaver.Tests;

/// <summary>Runs a program (by default <c>dotnet some.dll</c>) in a process of its own, bounded in time (5 minutes unless told).</summary>
internal static class DotnetProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        Program("dotnet", [assembly, .. arguments], AppContext.BaseDirectory, environment, timeout);

    public static (int ExitCode, string Stdout, string Stderr) Program(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        // Both read in the background: a hung program must not block the test past its limit.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish in {limit.TotalSeconds:0} s (a hang)");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
