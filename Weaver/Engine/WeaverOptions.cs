using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Stm.Weaving;

/// <summary>Options of one weaving run; they are recorded in the woven assembly's marker.</summary>
public sealed class WeaverOptions
{
    /// <summary>The engine's version, recorded in the marker attribute.</summary>
    public static string WeaverVersion => typeof(WeaverOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Only full mode exists so far: every thread running woven code is always in a transaction.</summary>
    public string Mode { get; set; } = "full";

    /// <summary>Type name patterns (<c>*</c> matches anything, e.g. <c>MyApp.Core.*</c>): only matching types are woven. Empty: all.</summary>
    public List<string> Include { get; } = [];

    /// <summary>Type name patterns never woven (as <c>[NoStm]</c> on the type).</summary>
    public List<string> Exclude { get; } = [];

    /// <summary>The user's rows of the call table (docs/weaver.md): they win over the shipped rows.</summary>
    public List<CallRule> Calls { get; } = [];

    /// <summary>The options as the marker attribute records them.</summary>
    public string Describe()
    {
        string description = $"mode={Mode}";
        if (Include.Count > 0)
            description += ";include=" + string.Join(",", Include);
        if (Exclude.Count > 0)
            description += ";exclude=" + string.Join(",", Exclude);
        if (Calls.Count > 0)
            description += ";calls=" + string.Join(",", Calls);
        return description;
    }

    /// <summary>
    /// Whether a type is selected, given its full name and those of the types it is nested in
    /// (<paramref name="fullNameAndOuterNames"/>; nested types as <c>Outer/Inner</c>, matched as
    /// <c>Outer.Inner</c>): a nested type (a closure, a state machine) follows its outer types.
    /// </summary>
    public bool Selects(IReadOnlyList<string> fullNameAndOuterNames)
    {
        var names = fullNameAndOuterNames.Select(n => n.Replace('/', '.')).ToList();
        if (names.Any(name => Exclude.Any(pattern => Matches(pattern, name))))
            return false;
        return Include.Count == 0 || names.Any(name => Include.Any(pattern => Matches(pattern, name)));
    }

    private static bool Matches(string pattern, string name) =>
        Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.CultureInvariant);
}
