global using System.Globalization;
global using System.Runtime.CompilerServices;
global using static System.FormattableString;

namespace Locks;

// Rules every entry point of LockScenarios follows (the runner finds them by reflection):
// - `public static string Name()` on a public static class whose name ends with "Scenarios".
// - Deterministic; same result when called repeatedly and in any order; no lock is left held and
//   no exception escapes (misuse is caught and its type and message returned).
// - Small: a few hundred field/array accesses at most (the abort-injection tests restart each
//   entry at every barrier, so the cost is quadratic).
// - Numbers and booleans formatted with the invariant culture.
