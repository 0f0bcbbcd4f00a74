using System.Globalization;
using System.Reflection;
using Stm.Fuzz.Generation;

namespace Stm.Fuzz;

/// <summary>The command line of the fuzzer.</summary>
internal sealed record FuzzOptions
{
    public const string Usage = """
        usage: Stm.Fuzz [--seed N] [--count M] [--index I] [--without FAMILY,...] [--findings DIR] [--reduce-seconds S] [--print]
               Stm.Fuzz --replay FILE.cs [--reduce-seconds S]
          --seed N            campaign seed (default 1): program I of seed N is always the same program
          --count M           programs to generate (default 100)
          --index I           only program I of the campaign (to reproduce a finding)
          --without F,...     construct families left out (e.g. constrained,threads); see docs/fuzzing.md
          --findings DIR      where reduced findings are saved (default tests/Fuzz/Findings)
          --reduce-seconds S  time to reduce each finding (default 120; 0: save it unreduced)
          --print             print each generated program
          --replay FILE.cs    check one saved program (a finding, a regression) in every mode
        exit code: 0 nothing found, 1 findings, 2 bad arguments
        """;

    public int Seed { get; init; } = 1;

    public int Count { get; init; } = 100;

    public int? Index { get; init; }

    public FeatureSet Features { get; init; } = FeatureSet.All;

    public string FindingsDirectory { get; init; } = DefaultFindingsDirectory();

    public TimeSpan ReduceBudget { get; init; } = TimeSpan.FromSeconds(120);

    public bool Print { get; init; }

    public string? Replay { get; init; }

    public static FuzzOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FuzzOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException($"{args[i - 1]} needs a number, not '{args[i]}'");
            options = args[i] switch
            {
                "--seed" => options with { Seed = Number() },
                "--count" => options with { Count = Number() },
                "--index" => options with { Index = Number() },
                "--without" => options with { Features = FeatureSet.Without(Value()) },
                "--findings" => options with { FindingsDirectory = Path.GetFullPath(Value()) },
                "--reduce-seconds" => options with { ReduceBudget = TimeSpan.FromSeconds(Number()) },
                "--print" => options with { Print = true },
                "--replay" => options with { Replay = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }

    /// <summary>The project's Findings folder, recorded at build time.</summary>
    private static string DefaultFindingsDirectory() =>
        typeof(FuzzOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Stm.Fuzz.FindingsDirectory")?.Value
        ?? Path.GetFullPath("Findings");
}
