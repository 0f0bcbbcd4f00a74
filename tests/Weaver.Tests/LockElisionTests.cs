using System.Globalization;
using System.Text.RegularExpressions;

namespace Stm.Weaver.Tests;

/// <summary>
/// Lock-based legacy programs (TestAssemblies/Locks, LockPrograms) woven and run on several
/// threads: each checks its own invariants (audits inside the lock, sortedness, exact sums) and
/// returns a string that is exact only when they held. Every program also runs in STM mode on
/// every thread and with aborts injected at every few barriers. Single-threaded lock semantics
/// (misuse, reentrancy, timeouts, Wait/Pulse, exceptions) are the Locks entry points of
/// EquivalenceTests and AbortInjectionTests.
/// </summary>
public sealed partial class LockElisionTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    private const string Programs = "Locks.LockPrograms";

    public static TheoryData<string, string, string> ProgramsAndModes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (program, expected) in Expected)
        {
            foreach (string mode in Modes.Keys)
                data.Add(program, mode, expected);
        }
        return data;
    }

    /// <summary>Program with its arguments, and the result it returns when every invariant held.</summary>
    private static readonly (string Program, string Expected)[] Expected =
    [
        ("CoarseLockBank 2 64 5000 7", "total=64000,badAudits=0"),
        ("SortedListIntSet 2 5000 256 7", "sorted=True,sizeMatches=True"),
        ("LockedDictionaryCache 2 5000 512 7", "wrong=0,entriesCorrect=True"),
        ("BoundedProducerConsumer 2 2 2000 4", "sum=8002000,expected=8002000,duplicates=0"),
        ("BoundedProducerConsumer 1 3 3000 2", "sum=4501500,expected=4501500,duplicates=0"),
        ("NestedLocks 3 5000 7", "x=15000,y=15000,violations=0"),
        ("ExceptionInsideLock 2 3000", "counter=6000"),
        ("TryEnterWithTimeout 3 5000", "counter=15000"),
        ("MisuseFromThreads 3", "caught=9"),
    ];

    private static Dictionary<string, Dictionary<string, string>?> Modes => WovenAssemblies.Modes;

    [Theory]
    [MemberData(nameof(ProgramsAndModes))]
    public void A_woven_lock_program_keeps_its_invariants(string program, string mode, string expected)
    {
        var lines = Call(program, Modes[mode]);
        Assert.Equal("result\t" + expected, Result(lines));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("aborts injected")]
    public void Output_written_inside_a_lock_stays_whole_and_in_lock_order(string mode)
    {
        const int threads = 3, linesPerThread = 300;
        var lines = Call($"OutputInsideLock {threads} {linesPerThread}", Modes[mode]);
        Assert.Equal($"result\tlines={threads * linesPerThread}", Result(lines));
        var printed = lines.Where(l => l.StartsWith("line ", StringComparison.Ordinal)).ToList();
        Assert.Equal(threads * linesPerThread, printed.Count);
        for (int i = 0; i < printed.Count; i++)
        {
            var match = PrintedLine().Match(printed[i]);
            Assert.True(match.Success, $"line {i} is not whole: '{printed[i]}'");
            Assert.Equal(i + 1, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Lock_regions_without_irrevocable_actions_are_elided()
    {
        // The audit-and-transfer regions of the bank touch only memory: elided, not really locked
        // (the few real ones follow repeated aborts).
        var counters = Counters(Call("CoarseLockBank 2 64 5000 7", Modes["STM mode"]));
        Assert.True(counters.Elided > 10 * counters.Real, $"elided {counters.Elided}, real {counters.Real}");
    }

    [Fact]
    public void A_lock_region_that_does_something_irrevocable_holds_the_lock_for_real()
    {
        // Each region writes to the console (I/O: irrevocable): elision is cancelled and the lock really taken.
        var counters = Counters(Call("OutputInsideLock 2 300", Modes["STM mode"]));
        Assert.True(counters.Real >= 2 * 300 / 2, $"elided {counters.Elided}, real {counters.Real}");
    }

    [Fact]
    public void A_lock_region_over_a_dictionary_is_elided_and_never_inevitable()
    {
        // Dictionary calls are object-level (docs/abi.md §7): the regions run as transactions.
        var lines = Call("LockedDictionaryCache 2 5000 64 7", Modes["STM mode"]);
        Assert.Equal("result\twrong=0,entriesCorrect=True", Result(lines));
        var counters = Counters(lines);
        Assert.True(counters.Elided > 10 * counters.Real, $"elided {counters.Elided}, real {counters.Real}");
        Assert.DoesNotContain(lines, l => l.StartsWith("inevitable-site\t", StringComparison.Ordinal) && l.Contains("LockedCache", StringComparison.Ordinal));
    }

    private string[] Call(string program, IReadOnlyDictionary<string, string>? environment) =>
        WovenAssemblies.RunRunner(environment, ["call", assemblies.WovenPath("Locks"), Programs, .. program.Split(' ')]);

    private static string Result(string[] lines) => Assert.Single(lines, l => l.StartsWith("result\t", StringComparison.Ordinal) || l.StartsWith("exception\t", StringComparison.Ordinal));

    private static (long Elided, long Real) Counters(string[] lines)
    {
        var match = LockCounters().Match(Assert.Single(lines, l => l.StartsWith("transactions\t", StringComparison.Ordinal)));
        Assert.True(match.Success);
        return (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^line (\d+) thread \d x{40}$")]
    private static partial Regex PrintedLine();

    [GeneratedRegex(@"locks elided=(\d+) real=(\d+)")]
    private static partial Regex LockCounters();
}
