using System.Collections.Concurrent;

namespace Stm.Core;

/// <summary>
/// How often each call site of woven code made a running transaction inevitable (a call into code
/// that is not woven and not known to be safe). Counted only when the call forced the transition:
/// on the slow path of becoming inevitable, so the count costs nothing otherwise.
/// </summary>
internal static class InevitableCallSites
{
    private static readonly ConcurrentDictionary<string, long> s_counts = new(StringComparer.Ordinal);

    public static void Record(string callSite) => s_counts.AddOrUpdate(callSite, 1, static (_, count) => count + 1);

    /// <summary>The sites seen so far with their counts, most frequent first.</summary>
    public static IReadOnlyList<KeyValuePair<string, long>> Snapshot() =>
        [.. s_counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)];
}
