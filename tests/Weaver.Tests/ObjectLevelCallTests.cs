using System.Globalization;
using System.Text.RegularExpressions;

namespace Stm.Weaver.Tests;

/// <summary>
/// Multithreaded legacy programs over framework objects (TestAssemblies/Objects, ObjectPrograms)
/// woven: collections, StringBuilder and LINQ are object-level STM objects (docs/abi.md §7), so
/// programs stay correct with no inevitable transaction, even a shared Dictionary with no lock at
/// all. Single-threaded behaviour of every category, with an abort at every barrier, is the
/// Objects entry points of EquivalenceTests and AbortInjectionTests.
/// </summary>
public sealed partial class ObjectLevelCallTests(WovenAssemblies assemblies) : IClassFixture<WovenAssemblies>
{
    private const string Programs = "Objects.ObjectPrograms";

    /// <summary>Program with its arguments, and the result it returns when every invariant held.</summary>
    private static readonly (string Program, string Expected)[] Expected =
    [
        ("UnlockedSharedDictionary 2 20000 64 7", "sum=40000,privateMissing=0,privateExtra=0,errors=0"),
        ("LockedDictionaryCache 2 20000 1000 7", "entries=1100,bad=0,wrong=0,storesCounted=True"),
        ("QueueProducerConsumer 2 2 5000 8", "consumed=10000,duplicates=0,sum=50005000"),
        ("LinqSnapshotInLock 2 2000 7", "violations=0,finalSum=0,balanced=True,reads=1380"),
        ("SharedStringBuilderLog 2 2000", "lines=4000,torn=0,missing=0,duplicates=0,outOfOrder=0"),
        ("SortedSetUnderLock 2 20000 256 7", "sorted=True,sizeMatches=True,violations=0"),
        ("JoinThroughForEach 2 20000", "counter=40000,complete=True"),
        ("LinkedListLruCache 2 20000 64 7", "agree=True,withinCapacity=True,wrong=0,counted=True"),
        ("CommittingCallbacks 2 500", "total=55000,labelCalls=8000,lengthRight=True"),
    ];

    public static TheoryData<string, string, string> ProgramsAndModes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (program, expected) in Expected)
        {
            foreach (string mode in WovenAssemblies.Modes.Keys)
                data.Add(program, mode, expected);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ProgramsAndModes))]
    public void A_woven_program_over_framework_objects_keeps_its_invariants(string program, string mode, string expected)
    {
        var lines = Call(program, WovenAssemblies.Modes[mode]);
        Assert.Equal("result\t" + expected, Assert.Single(lines, l => l.StartsWith("result\t", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("UnlockedSharedDictionary 2 20000 64 7")]
    [InlineData("LockedDictionaryCache 2 20000 1000 7")]
    [InlineData("QueueProducerConsumer 2 2 5000 8")]
    [InlineData("LinqSnapshotInLock 2 2000 7")]
    public void Framework_objects_are_transactional_without_going_inevitable(string program)
    {
        var lines = Call(program, WovenAssemblies.Modes["STM mode"]);
        // Only the thread starts of the test driver are irrevocable.
        var sites = lines.Where(l => l.StartsWith("inevitable-site\t", StringComparison.Ordinal)).ToList();
        Assert.All(sites, site => Assert.Contains("System.Threading.Thread::Start in Crew::Run", site, StringComparison.Ordinal));
        var counters = Counters(lines);
        Assert.True(counters.Reads > 1000 && counters.Writes > 0, $"object reads {counters.Reads}, writes {counters.Writes}");
    }

    [Fact]
    public void A_lock_guarded_dictionary_cache_runs_its_regions_elided()
    {
        var lines = Call("LockedDictionaryCache 2 20000 64 7", WovenAssemblies.Modes["STM mode"]);
        var match = LockCounters().Match(Assert.Single(lines, l => l.StartsWith("transactions\t", StringComparison.Ordinal)));
        Assert.True(match.Success);
        long elided = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), real = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(elided > 10 * real, $"elided {elided}, real {real}");
    }

    private string[] Call(string program, IReadOnlyDictionary<string, string>? environment) =>
        WovenAssemblies.RunRunner(environment, ["call", assemblies.WovenPath("Objects"), Programs, .. program.Split(' ')]);

    private static (long Reads, long Writes) Counters(string[] lines)
    {
        var match = ObjectCounters().Match(Assert.Single(lines, l => l.StartsWith("transactions\t", StringComparison.Ordinal)));
        Assert.True(match.Success);
        return (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"object reads=(\d+) writes=(\d+)")]
    private static partial Regex ObjectCounters();

    [GeneratedRegex(@"locks elided=(\d+) real=(\d+)")]
    private static partial Regex LockCounters();
}
