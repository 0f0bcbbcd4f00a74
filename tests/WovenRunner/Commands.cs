using System.Reflection;
using System.Runtime.CompilerServices;
using Stm.Core;
using Stm.Weave.Tool;

namespace Stm.WovenRunner;

internal static class Commands
{
    public static int Usage()
    {
        Console.Error.WriteLine("usage: run <asm> | prepare <asm> | inject <original> <woven> [entry] | call <asm> <type> <method> [int args] (STM_ABORT_INJECTION=1 STM_ABORT_PERIOD=n: abort every n-th barrier)");
        return 2;
    }

    public static int Run(string path)
    {
        foreach (var entry in EntryPoints(Load(path)))
            Console.WriteLine($"{Name(entry)}\t{Invoke(entry)}");
        return 0;
    }

    public static int Prepare(string path)
    {
        var assembly = Load(path);
        int prepared = 0;
        // The JIT's time per method: woven methods have more blocks, and its time on a method with
        // handlers grows with their square (docs/fuzzing.md).
        var compileTime = TimeSpan.Zero;
        (double Milliseconds, string Method) slowest = (0, "-");
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            // A dependency that is not there: report what did not load and compile the rest (a method
            // whose body needs a missing assembly fails with FileNotFoundException below).
            foreach (var loaderException in exception.LoaderExceptions.OfType<Exception>().Select(e => $"{e.GetType().Name}: {e.Message}").Distinct())
                Console.WriteLine($"FAILED\t<types>\t{loaderException.ReplaceLineEndings(" ")}");
            types = [.. exception.Types.OfType<Type>()];
        }
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Cast<MethodBase>()
                         .Concat(type.GetConstructors(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)))
            {
                try
                {
                    if (method.IsAbstract || method.GetMethodBody() is null)
                        continue;
                    var before = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
                    PrepareOne(type, method);
                    var took = System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - before;
                    compileTime += took;
                    if (took.TotalMilliseconds > slowest.Milliseconds)
                        slowest = (took.TotalMilliseconds, $"{type.FullName}::{method.Name}");
                    prepared++;
                }
                catch (Exception exception) when (exception is InvalidProgramException or BadImageFormatException or TypeLoadException or MissingMethodException or ArgumentException or System.Security.VerificationException or FieldAccessException or MethodAccessException or FileNotFoundException or FileLoadException)
                {
                    Console.WriteLine($"FAILED\t{type.FullName}::{method}\t{exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}");
                }
            }
        }
        Console.WriteLine($"prepared\t{prepared}");
        Console.WriteLine($"jit\t{compileTime.TotalMilliseconds:0}\t{slowest.Milliseconds:0}\t{slowest.Method}");
        return 0;
    }

    /// <summary>Instantiations tried per generic method before it counts as failed.</summary>
    private const int InstantiationAttempts = 64;

    /// <summary>JIT-compiles one method; generic types and methods are instantiated with the first type arguments their constraints accept (<see cref="GenericInstantiation"/>).</summary>
    private static void PrepareOne(Type type, MethodBase method)
    {
        if (!type.IsGenericTypeDefinition && !method.IsGenericMethodDefinition)
        {
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
            return;
        }
        ArgumentException? last = null;
        Type[] typeParameters = type.IsGenericTypeDefinition ? type.GetGenericArguments() : [];
        Type[] methodParameters = method.IsGenericMethodDefinition ? method.GetGenericArguments() : [];
        foreach (var assignment in GenericInstantiation.Assignments([.. typeParameters, .. methodParameters], type.Assembly).Take(InstantiationAttempts))
        {
            try
            {
                var closedType = type.IsGenericTypeDefinition ? type.MakeGenericType(assignment[..typeParameters.Length]) : type;
                var closed = MethodBase.GetMethodFromHandle(method.MethodHandle, closedType.TypeHandle)!;
                if (closed is MethodInfo { IsGenericMethodDefinition: true } info)
                    closed = info.MakeGenericMethod(assignment[typeParameters.Length..]);
                RuntimeTypeHandle[] instantiation = [.. closedType.GetGenericArguments().Concat(closed.IsGenericMethod ? closed.GetGenericArguments() : []).Select(t => t.TypeHandle)];
                RuntimeHelpers.PrepareMethod(closed.MethodHandle, instantiation);
                return;
            }
            catch (ArgumentException exception)
            {
                last = exception;
            }
        }
        throw last!;
    }

    public static int Inject(string originalPath, string wovenPath, string? only)
    {
        if (!AbortInjection.Enabled)
        {
            Console.Error.WriteLine("inject needs STM_ABORT_INJECTION=1 (and STM_SERIAL=0) in the environment.");
            return 2;
        }
        var original = EntryPoints(Load(originalPath)).ToDictionary(Name);
        int runs = 0, mismatches = 0;
        foreach (var entry in EntryPoints(Load(wovenPath)))
        {
            string name = Name(entry);
            if (only is not null && name != only)
                continue;
            string expected = Invoke(original[name]);
            AbortInjection.Arm(0);
            string plain = Invoke(entry);
            long barriers = AbortInjection.Count;
            if (plain != expected)
            {
                mismatches++;
                Console.WriteLine($"MISMATCH\t{name}\tk=0\texpected {expected}\tgot {plain}");
            }
            int injected = 0;
            for (long k = 1; k <= barriers; k++)
            {
                AbortInjection.Arm(k);
                string result = Invoke(entry);
                runs++;
                injected += AbortInjection.Injected;
                if (result != expected)
                {
                    mismatches++;
                    Console.WriteLine($"MISMATCH\t{name}\tk={k}\texpected {expected}\tgot {result}");
                }
            }
            AbortInjection.Arm(0);
            Console.WriteLine($"entry\t{name}\tbarriers={barriers}\tinjected={injected}");
        }
        Console.WriteLine($"summary\truns={runs}\tmismatches={mismatches}");
        return 0;
    }

    public static int Call(string path, string typeName, string methodName, string[] arguments)
    {
        var type = Load(path).GetType(typeName, throwOnError: true)!;
        var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)!;
        object?[] values = [.. method.GetParameters().Select((p, i) => Convert.ChangeType(arguments[i], p.ParameterType))];
        try
        {
            Console.WriteLine($"result\t{method.Invoke(null, values)}");
            var statistics = Stm.Transaction.ThreadStatistics;
            Console.WriteLine($"commits\t{statistics.Commits}");
            Console.WriteLine($"transactions\t{Stm.Transaction.GlobalStatistics}");
            foreach (var (site, count) in Stm.Transaction.InevitableCallSites)
                Console.WriteLine($"inevitable-site\t{count}\t{site}");
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            Console.WriteLine($"exception\t{inner.GetType().FullName}\t{inner.Message}");
            Console.WriteLine(inner.StackTrace);
        }
        return 0;
    }

    /// <summary>Entry points: <c>public static string Name()</c> on public static classes named <c>*Scenarios</c>.</summary>
    private static IEnumerable<MethodInfo> EntryPoints(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Scenarios", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.ReturnType == typeof(string) && m.GetParameters().Length == 0)
                .OrderBy(m => m.Name, StringComparer.Ordinal));

    private static string Name(MethodInfo entry) => $"{entry.DeclaringType!.Name}.{entry.Name}";

    private static string Invoke(MethodInfo entry)
    {
        try
        {
            return (string)entry.Invoke(null, null)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            return $"<escaped {inner.GetType().Name}: {inner.Message}>";
        }
    }

    private static Assembly Load(string path) => WovenLoadContext.Load(path);
}
