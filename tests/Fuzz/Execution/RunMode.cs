namespace Stm.Fuzz.Execution;

/// <summary>
/// How a woven program is run; each mode has runner processes of its own because the runtime
/// reads these variables once, at start.
/// </summary>
internal sealed record RunMode(string Name, IReadOnlyDictionary<string, string> Environment, bool InjectsAborts)
{
    /// <summary>As users run it: serial mode while one thread runs, STM mode once a second starts.</summary>
    public static readonly RunMode Default = new("default", new Dictionary<string, string>(), false);

    /// <summary>STM mode on one thread too: barriers log, transactions commit.</summary>
    public static readonly RunMode Stm = new("stm", new Dictionary<string, string> { ["STM_SERIAL"] = "0" }, false);

    /// <summary>
    /// An abort injected at every n-th barrier (n chosen per program). STM mode too: a transaction
    /// in serial mode is inevitable and cannot abort, so single-threaded programs would see none.
    /// </summary>
    public static readonly RunMode Aborts = new("aborts", new Dictionary<string, string> { ["STM_SERIAL"] = "0", ["STM_ABORT_INJECTION"] = "1" }, true);

    public static IReadOnlyList<RunMode> All { get; } = [Default, Stm, Aborts];

    public override string ToString() => Name;
}
