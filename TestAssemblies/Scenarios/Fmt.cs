global using System.Collections;
global using System.Globalization;
global using System.Runtime.CompilerServices;
global using System.Text;
global using static System.FormattableString;

namespace Scenarios;

// Rules every entry point in this assembly follows (a runner finds them by reflection):
// - `public static string Name()` on a public, non-generic, static class in namespace Scenarios
//   whose name ends with "Scenarios"; nothing else has that shape.
// - Deterministic and single-threaded; same result when called repeatedly and in any order
//   (static fields it uses are reset at its start); no exception escapes.
// - Small: at most a few hundred field/array accesses when run (the woven tests abort and
//   restart each entry at every barrier hit, so the cost is quadratic).
// - Numbers are formatted with the invariant culture, floating point with "R" or "F4".

/// <summary>Invariant formatting helpers for the scenarios (no LINQ, no fields).</summary>
internal static class Fmt
{
    internal static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    internal static string F4(double v) => v.ToString("F4", CultureInfo.InvariantCulture);

    internal static string Of(object? o) => o switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => o.ToString() ?? "",
    };

    internal static string Join<T>(IEnumerable<T> items) => Join(",", items);

    internal static string Join<T>(string separator, IEnumerable<T> items)
    {
        var sb = new StringBuilder();
        bool first = true;
        foreach (var item in items)
        {
            if (!first)
                sb.Append(separator);
            first = false;
            sb.Append(Of(item));
        }
        return sb.ToString();
    }
}
