using Stm.Fuzz.Pipeline;

namespace Stm.Fuzz;

/// <summary>What a campaign found; <see cref="ToString"/> is the fuzzer's last line.</summary>
internal sealed class CampaignSummary(int seed)
{
    private readonly int[] _byKind = new int[Enum.GetValues<FindingKind>().Length];

    public int Programs { get; set; }

    public int WovenRuns { get; set; }

    /// <summary>Programs the weaver refused with a documented refusal (not findings).</summary>
    public int Refused { get; set; }

    public TimeSpan Elapsed { get; set; }

    public int Findings => _byKind.Sum();

    /// <summary>Woven programs with a method the JIT took longer than <see cref="Oracle.SlowJit"/> to compile (not findings).</summary>
    public int SlowJit { get; private set; }

    private (double Milliseconds, string Where)? _slowestCompile;

    public void AddCompile(Execution.CompileTime woven, string where)
    {
        if (woven.Milliseconds > Oracle.SlowJit.TotalMilliseconds)
            SlowJit++;
        if (woven.Milliseconds > (_slowestCompile?.Milliseconds ?? -1))
            _slowestCompile = (woven.Milliseconds, $"{where} {woven.Method}");
    }

    public void Add(FindingKind kind) => _byKind[(int)kind]++;

    public int Count(FindingKind kind) => _byKind[(int)kind];

    public override string ToString()
    {
        string kinds = string.Join(", ", Enum.GetValues<FindingKind>().Select(k => $"{k.ToString().ToLowerInvariant()} {Count(k)}"));
        string refused = Refused == 0 ? "" : $" refused={Refused}";
        string compile = _slowestCompile is var (ms, where) ? $"; slowest woven compile {ms:0} ms ({where}), {SlowJit} over {Oracle.SlowJit.TotalSeconds:0} s" : "";
        return $"fuzz seed={seed} programs={Programs} runs={WovenRuns} findings={Findings} ({kinds}){refused} in {Elapsed.TotalSeconds:0} s{compile}";
    }
}
