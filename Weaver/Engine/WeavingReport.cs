using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace Stm.Weaving;

/// <summary>What weaving did to one method (or would do: <c>stmweave --dry-run</c>).</summary>
public sealed class MethodReport
{
    public MethodReport(string method)
    {
        Method = method;
    }

    public string Method { get; }

    /// <summary>Frame (restartable), unrestartable frame, region, leaf, or untouched.</summary>
    public string Shape { get; set; } = "untouched";

    public int Barriers { get; set; }

    /// <summary>Accesses left plain: readonly fields after construction, statics written once, struct fields, thread-statics.</summary>
    public int Elided { get; set; }

    public int CommitPoints { get; set; }

    public int SerialLoopCopies { get; set; }

    /// <summary>Calls into code that is not woven and not known safe: transaction breaks (inevitable inside [Atomic] regions).</summary>
    public int ForeignCalls { get; set; }

    public int BlockingCalls { get; set; }

    /// <summary>Monitor/Lock entries (blocking calls until lock elision).</summary>
    public int LockSites { get; set; }

    /// <summary>Object-level calls: framework objects read or written as whole STM objects.</summary>
    public int ObjectCalls { get; set; }

    /// <summary>Compiled with minimal optimization: a large method with a loop in a handler (Passes/BoundJitTime.cs).</summary>
    public bool CompiledUnoptimized { get; set; }

    public override string ToString() =>
        $"{Method}: {Shape}, {Barriers} barriers ({Elided} elided), {CommitPoints} commit points, {SerialLoopCopies} serial loop copies, " +
        $"{ForeignCalls} foreign calls, {BlockingCalls} blocking calls, {LockSites} lock sites, {ObjectCalls} object-level calls" +
        (CompiledUnoptimized ? ", compiled unoptimized" : "");
}

/// <summary>Per-method reports of one weaving run, and their totals.</summary>
public sealed class WeavingReport
{
    private readonly Dictionary<MethodDefinition, MethodReport> _methods = [];

    public IEnumerable<MethodReport> Methods => _methods.Values;

    public MethodReport For(MethodDefinition method)
    {
        if (!_methods.TryGetValue(method, out var report))
            _methods[method] = report = new MethodReport(method.FullName);
        return report;
    }

    public string Summary()
    {
        var woven = _methods.Values.Where(m => m.Shape != "untouched").ToList();
        return $"{woven.Count} methods instrumented ({woven.Count(m => m.Shape == "leaf")} leaves, {woven.Count(m => m.Shape == "region")} regions), " +
            $"{_methods.Values.Sum(m => m.Barriers)} barriers, {_methods.Values.Sum(m => m.Elided)} elided, {_methods.Values.Sum(m => m.CommitPoints)} commit points, " +
            $"{_methods.Values.Sum(m => m.SerialLoopCopies)} serial loop copies, {_methods.Values.Sum(m => m.ForeignCalls)} foreign call sites, " +
            $"{_methods.Values.Sum(m => m.BlockingCalls)} blocking call sites, {_methods.Values.Sum(m => m.LockSites)} lock sites, " +
            $"{_methods.Values.Sum(m => m.ObjectCalls)} object-level call sites, {_methods.Values.Count(m => m.CompiledUnoptimized)} compiled unoptimized";
    }
}
