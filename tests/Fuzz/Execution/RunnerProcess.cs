using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Stm.Fuzz.Execution;

/// <summary>
/// A runner process in one <see cref="RunMode"/>, started on first use and again after it hung,
/// crashed, or ran <paramref name="runsPerProcess"/> programs (their load contexts are never freed).
/// </summary>
internal sealed class RunnerProcess(RunMode mode, int runsPerProcess) : IDisposable
{

    /// <summary>What the runner last wrote to stderr (why it crashed).</summary>
    private const int StderrKept = 4000;

    private Process? _process;
    private readonly StringBuilder _stderr = new();
    private int _runs;

    public RunMode Mode { get; } = mode;

    public RunResult Run(RunRequest request, TimeSpan bound)
    {
        var process = _process ??= Start();
        try
        {
            process.StandardInput.WriteLine(JsonSerializer.Serialize(request));
            process.StandardInput.Flush();
        }
        catch (IOException exception)
        {
            Stop();
            return RunResult.Crashed($"runner gone before the run: {exception.Message}");
        }
        var answer = process.StandardOutput.ReadLineAsync();
        if (!answer.Wait(bound))
        {
            Stop();
            return RunResult.Hung(bound);
        }
        if (answer.Result is not { } line)
        {
            process.WaitForExit(5000);
            string detail = $"runner exited with {(process.HasExited ? process.ExitCode : -1)}: {StderrTail()}";
            Stop();
            return RunResult.Crashed(detail);
        }
        if (++_runs >= runsPerProcess)
            Stop();
        return JsonSerializer.Deserialize<RunResult>(line)!;
    }

    private Process Start()
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(RunnerHost).Assembly.Location);
        start.ArgumentList.Add("runner");
        // Only this mode's settings reach the runtime, whatever the fuzzer was started with.
        foreach (string name in new[] { "STM_SERIAL", "STM_ABORT_INJECTION", "STM_ABORT_PERIOD", "STM_LOG" })
            start.Environment.Remove(name);
        foreach (var (name, value) in Mode.Environment)
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        lock (_stderr)
            _stderr.Clear();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_stderr)
            {
                _stderr.Append(e.Data).Append('\n');
                if (_stderr.Length > 2 * StderrKept)
                    _stderr.Remove(0, _stderr.Length - StderrKept);
            }
        };
        process.BeginErrorReadLine();
        _runs = 0;
        return process;
    }

    private string StderrTail()
    {
        lock (_stderr)
            return _stderr.Length <= StderrKept ? _stderr.ToString() : _stderr.ToString(_stderr.Length - StderrKept, StderrKept);
    }

    private void Stop()
    {
        if (_process is null)
            return;
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();
}
