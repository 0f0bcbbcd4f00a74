namespace Stm.Fuzz.Execution;

/// <summary>One line the fuzzer sends a runner: run this assembly's Main.</summary>
/// <param name="AbortPeriod">Abort at every n-th barrier (0: none).</param>
/// <param name="Prepare">JIT-compile every method first (InvalidProgramException in a method Main never reaches).</param>
internal sealed record RunRequest(string AssemblyPath, int AbortPeriod, bool Prepare);

internal enum RunStatus
{
    /// <summary>Main returned or threw.</summary>
    Completed,

    /// <summary>The runner process died (an exception on another thread, a stack overflow, a crash).</summary>
    Crashed,

    /// <summary>No answer within the time bound.</summary>
    Hung,
}

/// <summary>What one run of a program gave.</summary>
/// <param name="Exception">The full name of the exception that escaped Main, or null.</param>
/// <param name="JitFailure">A method that <see cref="RunRequest.Prepare"/> could not compile, or null.</param>
/// <param name="SlowestCompile">The method <see cref="RunRequest.Prepare"/> took the JIT longest to compile, or null.</param>
internal sealed record RunResult(RunStatus Status, string Output, string? Exception, string? ExceptionMessage, string? JitFailure, double Milliseconds, CompileTime? SlowestCompile = null)
{
    public static RunResult Crashed(string detail) => new(RunStatus.Crashed, "", null, detail, null, 0);

    public static RunResult Hung(TimeSpan bound) => new(RunStatus.Hung, "", null, $"no result after {bound.TotalSeconds:0} s", null, bound.TotalMilliseconds);
}

/// <summary>How long the JIT took to compile one method.</summary>
internal sealed record CompileTime(string Method, double Milliseconds);
