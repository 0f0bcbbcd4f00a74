using System.CommandLine;
using Stm.Weaving;

namespace Stm.Weave.Tool;

/// <summary>
/// <c>stmweave app.dll [more.dll …] [-o DIR]</c>. Exit codes: 0 every input woven (or already
/// woven), 1 an input was refused or failed (the others are still processed; a refused input is
/// never modified), 2 the command line is wrong.
/// </summary>
public static class WeaveCommand
{
    public const int Success = 0;
    public const int InputRefused = 1;
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("assemblies") { Description = "Assemblies to weave (each with its .pdb, if any).", Arity = ArgumentArity.OneOrMore };
        // An option the command does not know would otherwise be taken for a file name.
        inputs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
                result.AddError($"Unknown option '{token.Value}'.");
        });
        var outputFolder = new Option<string?>("--output", "-o") { Description = "Write the woven app to this folder (the rest of each input's folder is copied) instead of weaving in place." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be woven (per method: barriers inserted and elided, commit points, serial loop copies, foreign and blocking call sites, lock sites) and write nothing." };
        var include = new Option<string[]>("--include") { Description = "Weave only types matching this pattern (* matches anything, e.g. MyApp.Core.*); repeatable.", AllowMultipleArgumentsPerToken = false };
        var exclude = new Option<string[]>("--exclude") { Description = "Never weave types matching this pattern (as [NoStm]); repeatable." };
        var calls = new Option<string[]>("--call") { Description = "Treat calls into code that is not woven as this kind: Type::Method=kind (Method may be *; kind: pure, calls-back, blocking, foreign, object-read, object-write); repeatable, wins over the shipped table." };
        calls.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                try
                {
                    CallRule.Parse(token.Value);
                }
                catch (FormatException invalid)
                {
                    result.AddError($"--call {invalid.Message}");
                }
            }
        });
        var mode = new Option<string>("--mode") { Description = "Weaving mode (as Mode in FodyWeavers.xml): 'full', the only one so far.", DefaultValueFactory = _ => "full" };
        mode.AcceptOnlyFromAmong("full");
        var root = new RootCommand("stmweave: rewrites .NET assemblies so their threads run in software transactions (full mode).")
        {
            inputs,
            outputFolder,
            mode,
            include,
            exclude,
            calls,
            dryRun,
        };
        root.SetAction(result =>
        {
            var options = new WeaverOptions { Mode = result.GetValue(mode)! };
            options.Include.AddRange(result.GetValue(include) ?? []);
            options.Exclude.AddRange(result.GetValue(exclude) ?? []);
            options.Calls.AddRange((result.GetValue(calls) ?? []).Select(CallRule.Parse));
            return result.GetValue(dryRun)
                ? DryRun(result.GetValue(inputs)!, options, output, error)
                : Weave(result.GetValue(inputs)!, result.GetValue(outputFolder), options, output, error);
        });
        var demo = new Command("demo", "Weave a bundled legacy program and run it original vs woven (lost updates, one-thread times).");
        demo.SetAction(_ => DemoCommand.Run(output, error));
        root.Subcommands.Add(demo);
        var parsed = root.Parse(args);
        // Parse errors are usage errors (exit 2); --help and --version run their own actions.
        if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            foreach (var parseError in parsed.Errors)
                error.WriteLine($"stmweave: error: {parseError.Message}");
            return UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static int Weave(string[] paths, string? outputFolder, WeaverOptions options, TextWriter output, TextWriter error)
    {
        if (outputFolder is not null)
            AppFolder.CopyFolders(paths, outputFolder);
        return ForEachInput(paths, output, error, (path, log, runtime) =>
        {
            string target = outputFolder is null ? path : Path.Combine(outputFolder, Path.GetFileName(path));
            var outcome = AssemblyWeaver.Weave(path, target, options, log, runtime);
            AppFolder.AddRuntime(target, runtime);
            output.WriteLine(outcome == WeaveOutcome.Woven ? $"wove {path} -> {target}" : $"{path} is already woven");
        });
    }

    private static int DryRun(string[] paths, WeaverOptions options, TextWriter output, TextWriter error) =>
        ForEachInput(paths, output, error, (path, log, runtime) =>
        {
            var outcome = AssemblyWeaver.Weave(path, path, options, log, runtime, report =>
            {
                foreach (var method in report.Methods.Where(m => m.Shape != "untouched").OrderBy(m => m.Method, StringComparer.Ordinal))
                    output.WriteLine($"  {method}");
                output.WriteLine($"{path}: {report.Summary()} (dry run: nothing written)");
            }, dryRun: true);
            if (outcome == WeaveOutcome.AlreadyWoven)
                output.WriteLine($"{path} is already woven");
        });

    /// <summary>Runs <paramref name="weave"/> on each input; a refused input is reported in one line and the others still run.</summary>
    private static int ForEachInput(string[] paths, TextWriter output, TextWriter error, Action<string, IWeaverLog, string> weave)
    {
        var log = new ConsoleLog(output, error);
        string runtime = Path.Combine(AppContext.BaseDirectory, "Stm.dll");
        int exitCode = Success;
        foreach (string path in paths)
        {
            try
            {
                weave(path, log, runtime);
            }
            catch (WeavingRefusedException refusal)
            {
                error.WriteLine($"stmweave: error {refusal.Code}: {refusal.Message}");
                exitCode = InputRefused;
            }
            catch (IOException exception)
            {
                error.WriteLine($"stmweave: error STM0025: {path}: {exception.Message}");
                exitCode = InputRefused;
            }
            catch (Exception exception)
            {
                // A weaver bug outside any one method (reading or writing the module): one line, and the next input.
                error.WriteLine($"stmweave: error STM0027: {path}: the weaver failed ({exception.GetType().Name}: {exception.Message}); nothing was written. Please report it.");
                exitCode = InputRefused;
            }
        }
        return exitCode == Success && log.Errors > 0 ? InputRefused : exitCode;
    }

    /// <summary>Diagnostics in the compiler's format: warnings and errors to standard error, information to standard output.</summary>
    private sealed class ConsoleLog(TextWriter output, TextWriter error) : IWeaverLog
    {
        public int Errors { get; private set; }

        public void Report(WeaverDiagnostic diagnostic)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
                Errors++;
            (diagnostic.Severity == DiagnosticSeverity.Info ? output : error).WriteLine(diagnostic);
        }
    }
}
