namespace Stm.Fuzz.Generation;

/// <summary>
/// Families of constructs the generator emits. <c>--without</c> turns families off, so that one
/// known bug in woven code does not hide the others.
/// </summary>
internal enum Feature
{
    Classes,
    Structs,
    Statics,

    /// <summary>Reads and writes of [ThreadStatic] fields (declared with the other statics either way).</summary>
    ThreadStatics,
    StaticConstructors,
    Arrays,
    Closures,
    LocalFunctions,
    Goto,
    Exceptions,
    Filters,
    Generics,
    Constrained,
    Properties,
    Refs,
    Switches,
    Checked,
    Strings,
    Collections,
    Linq,
    Locks,
    Interlocked,
    Iterators,
    Threads,
    Racy,

    /// <summary>Some programs compiled unoptimized (Debug), the rest Release.</summary>
    DebugBuilds,
}

/// <summary>The families a generator may use: all but those excluded.</summary>
internal sealed class FeatureSet
{
    private readonly HashSet<Feature> _excluded;

    private FeatureSet(IEnumerable<Feature> excluded) => _excluded = [.. excluded];

    public static FeatureSet All { get; } = new([]);

    public IReadOnlyCollection<Feature> Excluded => _excluded;

    public bool Has(Feature feature) => !_excluded.Contains(feature);

    /// <summary>Parses a comma-separated list of family names (case-insensitive), e.g. <c>constrained,threads</c>.</summary>
    public static FeatureSet Without(string names)
    {
        var excluded = new List<Feature>();
        foreach (string name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse(name, ignoreCase: true, out Feature feature) || int.TryParse(name, out _))
                throw new ArgumentException($"unknown construct family '{name}'; known: {string.Join(", ", Enum.GetNames<Feature>().Select(n => n.ToLowerInvariant()))}");
            excluded.Add(feature);
        }
        return new FeatureSet(excluded);
    }

    public override string ToString() =>
        _excluded.Count == 0 ? "all" : "without " + string.Join(",", _excluded.Order().Select(f => f.ToString().ToLowerInvariant()));
}
