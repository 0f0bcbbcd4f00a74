global using System.Globalization;
global using System.Runtime.CompilerServices;
global using System.Text;
global using static System.FormattableString;

namespace Objects;

// Rules every entry point of ObjectScenarios follows (the runner finds them by reflection):
// - `public static string Name()` on a public static class whose name ends with "Scenarios".
// - Deterministic; same result when called repeatedly and in any order (no static state survives
//   an entry); no exception escapes (misuse is caught and its type and message returned); helper
//   threads and tasks are joined before the entry returns; temporary files are deleted.
// - Small: a few hundred BCL calls and field/array accesses at most (the abort-injection tests
//   restart each entry at every barrier, so the cost is quadratic).
// - Numbers and booleans formatted with the invariant culture; nothing written to the console
//   (the runner compares stdout) and no newline in a result.
// - The result describes the final state in full (every element joined), so a lost or
//   duplicated effect of a BCL call shows; the collections live in fields of small user classes
//   whose methods mutate them, so the woven code has field accesses around the BCL calls.
