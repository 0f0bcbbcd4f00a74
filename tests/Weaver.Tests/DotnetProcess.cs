using System.Diagnostics;

namespace Stm.Weaver.Tests;

/// <summary>Runs a program (by default <c>dotnet some.dll</c>) in a process of its own, bounded in time.</summary>
internal static class DotnetProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Program("dotnet", [assembly, .. arguments], AppContext.BaseDirectory, environment);

    public static (int ExitCode, string Stdout, string Stderr) Program(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} timed out");
        }
        return (process.ExitCode, stdout, stderr.Result);
    }
}
