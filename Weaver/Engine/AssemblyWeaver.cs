using System;
using System.IO;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Stm.Weaving;

/// <summary>What happened to one assembly.</summary>
public enum WeaveOutcome
{
    Woven,
    AlreadyWoven,

    /// <summary>Woven in memory only (a dry run): nothing was written.</summary>
    NotWritten,
}

/// <summary>
/// Weaves an assembly file (and its PDB) to an output path. Nothing is written unless weaving
/// succeeded: the result goes to a temporary folder beside the output and is moved into place.
/// </summary>
public static class AssemblyWeaver
{
    /// <param name="runtimePath">Stm.dll to weave against; by default the one beside the input, else beside this engine.</param>
    /// <param name="report">Receives what the passes did, per method.</param>
    /// <param name="dryRun">Weave in memory only: nothing is written.</param>
    public static WeaveOutcome Weave(string inputPath, string outputPath, WeaverOptions options, IWeaverLog log, string? runtimePath = null, Action<WeavingReport>? report = null, bool dryRun = false)
    {
        if (!File.Exists(inputPath))
            throw new WeavingRefusedException("STM0020", $"{inputPath}: no such file.");
        runtimePath ??= FindRuntime(inputPath);
        using var resolver = new Resolver();
        // Dependencies come from the input's folder and the framework only (not from the weaver's own
        // folder or the current directory); the runtime is the one given, whatever the input's folder holds.
        resolver.RemoveSearchDirectory(".");
        resolver.RemoveSearchDirectory("bin");
        resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(inputPath)));
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location));
        using var runtime = ModuleDefinition.ReadModule(runtimePath, new ReaderParameters { AssemblyResolver = resolver, InMemory = true });
        resolver.Register(runtime.Assembly);
        var missing = new System.Collections.Generic.SortedSet<string>(StringComparer.Ordinal);
        resolver.ResolveFailure += (_, reference) =>
        {
            missing.Add(reference.FullName);
            return null!;
        };
        ModuleDefinition module;
        try
        {
            module = ModuleDefinition.ReadModule(inputPath, new ReaderParameters
            {
                AssemblyResolver = resolver,
                InMemory = true,
                ReadSymbols = true,
                SymbolReaderProvider = new DefaultSymbolReaderProvider(throwIfNoSymbol: false),
            });
        }
        catch (BadImageFormatException exception)
        {
            throw new WeavingRefusedException("STM0021", $"{inputPath} is not a .NET assembly ({exception.Message}).");
        }
        using (module)
        {
            var context = new WeavingContext(module, new RuntimeReferences(module, runtime), options, log);
            ModuleWeaving.Run(context);
            if (context.ErrorCount > 0)
                throw new WeavingRefusedException("STM0022", $"{inputPath}: {context.ErrorCount} error(s); nothing was written.");
            // Without a dependency, calls into it cannot be classified (woven or not): refuse rather than guess.
            if (missing.Count > 0)
                throw new WeavingRefusedException("STM0030", $"{inputPath}: cannot find {string.Join(", ", missing)}; weave an assembly with its dependencies beside it. Nothing was written.");
            report?.Invoke(context.Reports);
            if (context.AlreadyWoven && dryRun)
                return WeaveOutcome.AlreadyWoven;
            if (dryRun)
                return WeaveOutcome.NotWritten;
            if (context.AlreadyWoven)
            {
                if (!SamePath(inputPath, outputPath))
                    CopyWithSymbols(inputPath, outputPath);
                return WeaveOutcome.AlreadyWoven;
            }
            try
            {
                WriteAtomically(module, outputPath);
            }
            catch (AssemblyResolutionException exception)
            {
                // Writing needs some referenced types (enum constants of other assemblies).
                throw new WeavingRefusedException("STM0024", $"{inputPath}: cannot write the woven assembly without {exception.AssemblyReference.FullName}; put the assembly's dependencies beside it. Nothing was written.");
            }
            return WeaveOutcome.Woven;
        }
    }

    private static string FindRuntime(string inputPath)
    {
        string besideInput = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inputPath)), "Stm.dll");
        if (File.Exists(besideInput))
            return besideInput;
        string besideEngine = Path.Combine(Path.GetDirectoryName(typeof(AssemblyWeaver).Assembly.Location), "Stm.dll");
        if (File.Exists(besideEngine))
            return besideEngine;
        throw new WeavingRefusedException("STM0023", $"Cannot find the Stm runtime (Stm.dll) beside {inputPath} or beside the weaver.");
    }

    private static void WriteAtomically(ModuleDefinition module, string outputPath)
    {
        string fullOutput = Path.GetFullPath(outputPath);
        string directory = Path.GetDirectoryName(fullOutput);
        Directory.CreateDirectory(directory);
        // A fixed name per output keeps the output deterministic: the symbol path recorded in the
        // assembly names the staging folder (debuggers and stack traces find the PDB beside it).
        string staging = Path.Combine(directory, ".stmweave-" + Path.GetFileName(fullOutput));
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            string stagedAssembly = Path.Combine(staging, Path.GetFileName(fullOutput));
            module.Write(stagedAssembly, new WriterParameters { WriteSymbols = module.HasSymbols, DeterministicMvid = true });
            string stagedSymbols = Path.ChangeExtension(stagedAssembly, ".pdb");
            if (File.Exists(stagedSymbols))
                Replace(stagedSymbols, Path.ChangeExtension(fullOutput, ".pdb"));
            Replace(stagedAssembly, fullOutput);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void CopyWithSymbols(string inputPath, string outputPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath)));
        File.Copy(inputPath, outputPath, overwrite: true);
        string symbols = Path.ChangeExtension(inputPath, ".pdb");
        if (File.Exists(symbols))
            File.Copy(symbols, Path.ChangeExtension(outputPath, ".pdb"), overwrite: true);
    }

    private static void Replace(string source, string destination)
    {
        if (File.Exists(destination))
            File.Delete(destination);
        File.Move(source, destination);
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    /// <summary>The default resolver, with the runtime registered (it need not be in the input's folder).</summary>
    private sealed class Resolver : DefaultAssemblyResolver
    {
        public void Register(AssemblyDefinition assembly) => RegisterAssembly(assembly);
    }
}
