using System.Diagnostics;
using System.Text;
using Stm.Abi;
using Stm.HandWoven;
using Xunit.Abstractions;

namespace Stm.Tests;

/// <summary>
/// Random transactions over a few shared registers, then an offline check that the committed
/// history is conflict-serializable (no cycle in its dependency graph), has no lost update, and
/// that every transaction saw its own writes and one snapshot.
/// </summary>
public sealed class SerializabilityTests(ITestOutputHelper output)
{
    private const int RegisterCount = 8;
    private const int TransactionsPerRun = 50_000;

    /// <summary>Six runs of at least this many add up to over 100,000 checked transactions.</summary>
    private const int MinimumCommittedPerRun = 17_000;

    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(2, false)]
    [InlineData(4, false)]
    [InlineData(8, false)]
    [InlineData(2, true)]
    [InlineData(4, true)]
    [InlineData(8, true)]
    public void Random_transactions_commit_a_serializable_history(int threads, bool forceStm)
    {
        int seed = 1_000 * threads + (forceStm ? 1 : 0);
        string context = $"seed={seed}, threads={threads}, forceStm={forceStm}";
        using IDisposable? mode = forceStm ? StmMode.Force() : null;

        // Negative initial values cannot collide with the (thread << 40 | sequence) values workers write.
        var registers = Register.Create(RegisterCount, index => -(index + 1));
        long[] initialValues = registers.Select(register => register.Value).ToArray();
        var workers = Enumerable.Range(0, threads)
            .Select(thread => new RandomTransactionWorker(registers, thread, seed + thread))
            .ToArray();
        var before = Transaction.GlobalStatistics;
        long deadline = Stopwatch.GetTimestamp() + (long)(TimeLimit.TotalSeconds * Stopwatch.Frequency);

        var elapsed = BoundedThreads.Run(threads, TimeLimit + TimeSpan.FromSeconds(30), context, thread =>
        {
            var worker = workers[thread];
            for (int i = 0; i < TransactionsPerRun / threads && Stopwatch.GetTimestamp() < deadline; i++)
                worker.RunOneTransaction();
        });

        var history = workers.SelectMany(worker => worker.History).ToList();
        long[] finalValues = registers.Select(register => register.Value).ToArray();
        var checkClock = Stopwatch.StartNew();
        var result = SerializabilityChecker.Check(history, initialValues, finalValues);
        output.WriteLine($"{context}: {history.Count} committed in {elapsed.TotalMilliseconds:F0} ms, " +
            $"checked in {checkClock.ElapsedMilliseconds} ms ({result.EdgeCount} edges)");
        output.WriteLine($"  {Transaction.GlobalStatistics.Since(before)}");

        Assert.True(result.IsSerializable, $"{context}\n{result.Describe()}");
        Assert.True(history.Count >= MinimumCommittedPerRun,
            $"Only {history.Count} transactions committed within {TimeLimit.TotalSeconds} s; {context}");
    }

    // ---------------------------------------------------------------- negative and positive controls

    [Fact]
    public void Checker_accepts_a_serial_history()
    {
        var result = SerializabilityChecker.Check(
            [
                Tx(1, Read(0, -1), Write(0, 10), Read(0, 10)),
                Tx(2, Read(0, 10), Read(1, -2), Write(1, 20)),
                Tx(3, Read(0, 10), Read(1, 20)),
            ],
            initialValues: [-1, -2],
            finalValues: [10, 20]);
        Assert.True(result.IsSerializable, result.Describe());
    }

    [Fact]
    public void Checker_finds_the_cycle_of_a_write_skew()
    {
        // Both read x and y from the initial state; each writes one of them: T1 -rw-> T2 -rw-> T1.
        var result = SerializabilityChecker.Check(
            [
                Tx(1, Read(0, -1), Read(1, -2), Write(0, 10)),
                Tx(2, Read(0, -1), Read(1, -2), Write(1, 20)),
            ],
            initialValues: [-1, -2],
            finalValues: [10, 20]);
        Assert.False(result.IsSerializable);
        Assert.Empty(result.Violations);
        Assert.NotNull(result.Cycle);
        Assert.Contains("T1.0", result.Cycle);
        Assert.Contains("T2.0", result.Cycle);
    }

    [Fact]
    public void Checker_reports_a_lost_update()
    {
        // Both overwrite the initial value of x: the first write is lost.
        var result = SerializabilityChecker.Check(
            [
                Tx(1, Read(0, -1), Write(0, 10)),
                Tx(2, Read(0, -1), Write(0, 20)),
            ],
            initialValues: [-1],
            finalValues: [20]);
        Assert.False(result.IsSerializable);
        Assert.Contains(result.Violations, violation => violation.Contains("lost update"));
        Assert.NotNull(result.Cycle);
    }

    [Fact]
    public void Checker_reports_a_dirty_read_and_an_inconsistent_transaction()
    {
        var result = SerializabilityChecker.Check(
            [
                // Reads 99, which no committed transaction wrote (an aborted attempt's value).
                Tx(1, Read(0, 99)),
                // Does not see its own write.
                Tx(2, Read(0, -1), Write(0, 10), Read(0, -1)),
                // Sees two different values of y without writing it.
                Tx(3, Read(1, -2), Read(1, 30)),
            ],
            initialValues: [-1, -2],
            finalValues: [10, -2]);
        Assert.False(result.IsSerializable);
        Assert.Contains(result.Violations, violation => violation.Contains("no committed transaction wrote"));
        Assert.Contains(result.Violations, violation => violation.Contains("own write"));
        Assert.Contains(result.Violations, violation => violation.Contains("non-repeatable"));
    }

    [Fact]
    public void Checker_reports_a_committed_write_missing_from_memory()
    {
        var result = SerializabilityChecker.Check(
            [Tx(1, Read(0, -1), Write(0, 10))],
            initialValues: [-1],
            finalValues: [-1]);
        Assert.False(result.IsSerializable);
        Assert.Contains(result.Violations, violation => violation.Contains("final value"));
    }

    private static CommittedTransaction Tx(int thread, params Operation[] operations) => new(thread, 0, operations);

    private static Operation Read(int register, long value) => new(OperationKind.Read, register, value);

    private static Operation Write(int register, long value) => new(OperationKind.Write, register, value);

    // ---------------------------------------------------------------- the workload

    /// <summary>
    /// One thread's random transactions. The plan (which registers, which to write) is drawn
    /// before the transaction so every attempt does the same thing; what an attempt observed is
    /// logged in fields reset at the attempt's start and kept only once the transaction committed.
    /// </summary>
    private sealed class RandomTransactionWorker
    {
        private const int MaxOperations = 6;

        /// <summary>Longest pause between two operations (spin iterations): it widens the windows in which transactions overlap.</summary>
        private const int MaxPause = 16;

        private static readonly TransactionSite s_readMostlySite = new();
        private static readonly TransactionSite s_updateSite = new();

        private readonly Register[] _registers;
        private readonly int _thread;
        private readonly Random _random;
        private readonly Action _attemptForAtomicRun;
        private readonly int[] _plannedRegister = new int[MaxOperations];
        private readonly bool[] _plannedWrite = new bool[MaxOperations];
        private readonly int[] _plannedPause = new int[MaxOperations];
        private int _plannedCount;

        // The running attempt's log: a read-modify-write logs a read and a write.
        private readonly Operation[] _attemptLog = new Operation[2 * MaxOperations];
        private int _attemptLogCount;

        // Never reset: every attempt, even an aborted one, writes values no other write used.
        private long _valueSequence;
        private int _committed;

        public RandomTransactionWorker(Register[] registers, int thread, int seed)
        {
            _registers = registers;
            _thread = thread;
            _random = new Random(seed);
            _attemptForAtomicRun = () => RunAttempt(TxDescriptor.Current);
        }

        public List<CommittedTransaction> History { get; } = [];

        public void RunOneTransaction()
        {
            // 0-29: through a site that sees mostly read-only transactions, so it predicts
            // read-only (no read log); 0-2 of them write, switching to logging mid-attempt.
            int kind = _random.Next(100);
            bool mayWrite = kind < 3 || kind >= 30;
            _plannedCount = _random.Next(1, MaxOperations + 1);
            for (int i = 0; i < _plannedCount; i++)
            {
                _plannedRegister[i] = _random.Next(_registers.Length);
                _plannedWrite[i] = mayWrite && _random.Next(2) == 0;
                _plannedPause[i] = _random.Next(MaxPause);
            }

            // Every way code enters a region: woven struct bodies with and without a site, and Atomic.Run.
            if (kind < 30)
                RunWoven(s_readMostlySite);
            else if (kind < 65)
                Atomic.Run(_attemptForAtomicRun);
            else if (kind < 80)
                RunWoven(site: null);
            else
                RunWoven(s_updateSite);
            History.Add(new CommittedTransaction(_thread, _committed++, _attemptLog[.._attemptLogCount]));
        }

        private void RunWoven(TransactionSite? site)
        {
            var body = new AttemptBody(this);
            Region.Run(ref body, site);
        }

        private void RunAttempt(TxDescriptor tx)
        {
            _attemptLogCount = 0;
            for (int i = 0; i < _plannedCount; i++)
            {
                Thread.SpinWait(_plannedPause[i]);
                int index = _plannedRegister[i];
                var register = _registers[index];
                // Always read first, so the checker knows which value a write overwrote.
                _attemptLog[_attemptLogCount++] = new Operation(OperationKind.Read, index, register.Read(tx));
                if (_plannedWrite[i])
                {
                    long value = ((long)(_thread + 1) << 40) | ++_valueSequence;
                    register.Write(tx, value);
                    _attemptLog[_attemptLogCount++] = new Operation(OperationKind.Write, index, value);
                }
            }
        }

        private readonly struct AttemptBody(RandomTransactionWorker worker) : IRegionBody
        {
            public void Run(TxDescriptor tx) => worker.RunAttempt(tx);
        }
    }
}

internal enum OperationKind : byte
{
    Read,
    Write,
}

/// <summary>A read of <see cref="Value"/> from a register, or a write of it.</summary>
internal readonly record struct Operation(OperationKind Kind, int Register, long Value);

/// <summary>The operations of one committed transaction, in program order.</summary>
internal sealed record CommittedTransaction(int Thread, int Sequence, Operation[] Operations)
{
    public string Name => $"T{Thread}.{Sequence}";
}

/// <summary>What <see cref="SerializabilityChecker.Check"/> found.</summary>
internal sealed record SerializabilityResult(IReadOnlyList<string> Violations, string? Cycle, int EdgeCount)
{
    public bool IsSerializable => Violations.Count == 0 && Cycle is null;

    public string Describe(int maxViolations = 20)
    {
        var text = new StringBuilder();
        if (Cycle is not null)
            text.AppendLine($"Dependency cycle: {Cycle}");
        foreach (string violation in Violations.Take(maxViolations))
            text.AppendLine(violation);
        if (Violations.Count > maxViolations)
            text.AppendLine($"... and {Violations.Count - maxViolations} more violations");
        return text.Length == 0 ? "serializable" : text.ToString();
    }
}

/// <summary>
/// Checks a history of committed transactions for conflict serializability. Every written value
/// is unique and every write is preceded by a read of the same register in its transaction, so
/// each read names its writer and each write names the version it overwrote. From that: ww edges
/// (writer of the overwritten value -> overwriter), wr edges (writer -> reader), rw edges (reader
/// of a value -> its overwriter). The history is serializable iff this graph has no cycle.
/// </summary>
internal static class SerializabilityChecker
{
    /// <summary>Node 0 of the graph: the transaction that wrote the initial values.</summary>
    private const int InitialNode = 0;

    private enum EdgeKind : byte
    {
        WriteWrite,
        WriteRead,
        ReadWrite,
    }

    private static string Label(EdgeKind kind) => kind switch
    {
        EdgeKind.WriteWrite => "ww",
        EdgeKind.WriteRead => "wr",
        _ => "rw",
    };

    private readonly record struct Edge(int To, EdgeKind Kind, int Register);

    /// <summary>A register's version as seen from outside a transaction: what it read first, and what it left.</summary>
    private readonly record struct ExternalWrite(int Register, long Overwritten, long Installed);

    public static SerializabilityResult Check(
        IReadOnlyList<CommittedTransaction> history, IReadOnlyList<long> initialValues, IReadOnlyList<long> finalValues)
    {
        var violations = new List<string>();
        string NameOf(int node) => node == InitialNode ? "T_init" : history[node - 1].Name;

        // Nodes are 1 + index in history. Which node installed each value, and which node
        // wrote a value it overwrote again itself (visible to nobody else).
        var writerOf = new Dictionary<long, (int Node, int Register)>();
        var intermediateWriterOf = new Dictionary<long, int>();
        for (int register = 0; register < initialValues.Count; register++)
            writerOf.Add(initialValues[register], (InitialNode, register));

        var externalReads = new List<(int Register, long Value)>[history.Count + 1];
        var externalWrites = new List<ExternalWrite>[history.Count + 1];
        for (int node = 1; node <= history.Count; node++)
        {
            (externalReads[node], externalWrites[node]) = Summarize(history[node - 1], violations);
            foreach (var write in externalWrites[node])
            {
                if (!writerOf.TryAdd(write.Installed, (node, write.Register)))
                    violations.Add($"{NameOf(node)} wrote {write.Installed}, which another write already used (test bug)");
            }
            foreach (var operation in history[node - 1].Operations)
            {
                if (operation.Kind == OperationKind.Write && !writerOf.ContainsKey(operation.Value))
                    intermediateWriterOf.TryAdd(operation.Value, node);
            }
        }

        var edges = new List<Edge>[history.Count + 1];
        for (int node = 0; node <= history.Count; node++)
            edges[node] = [];
        int edgeCount = 0;
        void AddEdge(int from, int to, EdgeKind kind, int register)
        {
            if (from == to)
                return;
            edges[from].Add(new Edge(to, kind, register));
            edgeCount++;
        }

        // wr and ww edges, and who overwrote each value (more than one overwriter: a lost update).
        var readersOf = new Dictionary<long, List<int>>();
        var overwritersOf = new Dictionary<long, List<(int Node, long Installed)>>();
        for (int node = 1; node <= history.Count; node++)
        {
            foreach (var (register, value) in externalReads[node])
            {
                if (WriterOf(value, register, node) is not { } writer)
                    continue;
                AddEdge(writer, node, EdgeKind.WriteRead, register);
                if (!readersOf.TryGetValue(value, out var readers))
                    readersOf.Add(value, readers = []);
                readers.Add(node);
            }
            foreach (var write in externalWrites[node])
            {
                if (WriterOf(write.Overwritten, write.Register, node) is not { } writer)
                    continue;
                AddEdge(writer, node, EdgeKind.WriteWrite, write.Register);
                if (overwritersOf.TryGetValue(write.Overwritten, out var overwriters))
                {
                    violations.Add($"lost update on r{write.Register}: {NameOf(overwriters[0].Node)} " +
                        $"and {NameOf(node)} both overwrote {write.Overwritten} (written by {NameOf(writer)})");
                }
                else
                {
                    overwritersOf.Add(write.Overwritten, overwriters = []);
                }
                overwriters.Add((node, write.Installed));
            }
        }

        // rw anti-dependencies: whoever read a value precedes whoever overwrote it.
        foreach (var (value, readers) in readersOf)
        {
            if (!overwritersOf.TryGetValue(value, out var overwriters))
                continue;
            foreach (var overwriter in overwriters)
            {
                foreach (int reader in readers)
                    AddEdge(reader, overwriter.Node, EdgeKind.ReadWrite, writerOf[value].Register);
            }
        }

        // Memory must hold the end of each register's chain of committed versions.
        for (int register = 0; register < initialValues.Count; register++)
        {
            long value = initialValues[register];
            for (int steps = 0; steps <= history.Count && overwritersOf.TryGetValue(value, out var next); steps++)
                value = next[0].Installed;
            if (value != finalValues[register])
                violations.Add($"r{register}: final value {finalValues[register]} is not the last committed version {value}");
        }

        var cycle = FindCycle(edges);
        string? cycleText = cycle is null
            ? null
            : string.Concat(cycle.Select(step => $"{NameOf(step.From)} -{Label(step.Edge.Kind)}(r{step.Edge.Register})-> ")) + NameOf(cycle[0].From);
        return new SerializabilityResult(violations, cycleText, edgeCount);

        int? WriterOf(long value, int register, int reader)
        {
            if (writerOf.TryGetValue(value, out var writer) && writer.Register == register)
                return writer.Node;
            violations.Add(intermediateWriterOf.TryGetValue(value, out int intermediate)
                ? $"{NameOf(reader)} saw {value} on r{register}, a value {NameOf(intermediate)} overwrote before committing"
                : $"{NameOf(reader)} saw {value} on r{register}, which no committed transaction wrote there (dirty read?)");
            return null;
        }
    }

    /// <summary>
    /// Reduces a transaction to what others can see: per register the first value it read and the
    /// last value it wrote. Checks on the way that it read its own writes and one snapshot.
    /// </summary>
    private static (List<(int Register, long Value)> Reads, List<ExternalWrite> Writes) Summarize(
        CommittedTransaction transaction, List<string> violations)
    {
        var firstRead = new Dictionary<int, long>();
        var lastWrite = new Dictionary<int, long>();
        foreach (var operation in transaction.Operations)
        {
            int register = operation.Register;
            if (operation.Kind == OperationKind.Write)
            {
                if (!firstRead.ContainsKey(register))
                    violations.Add($"{transaction.Name} wrote r{register} without reading it first (test bug)");
                lastWrite[register] = operation.Value;
            }
            else if (lastWrite.TryGetValue(register, out long own))
            {
                if (operation.Value != own)
                    violations.Add($"{transaction.Name} read {operation.Value} from r{register} after its own write of {own}");
            }
            else if (firstRead.TryGetValue(register, out long earlier))
            {
                if (operation.Value != earlier)
                    violations.Add($"{transaction.Name}: non-repeatable read of r{register}: {earlier}, then {operation.Value}");
            }
            else
            {
                firstRead.Add(register, operation.Value);
            }
        }
        var reads = firstRead.Select(read => (read.Key, read.Value)).ToList();
        var writes = lastWrite
            .Where(write => firstRead.ContainsKey(write.Key))
            .Select(write => new ExternalWrite(write.Key, firstRead[write.Key], write.Value))
            .ToList();
        return (reads, writes);
    }

    /// <summary>Iterative depth-first search (histories are far deeper than the call stack); returns one cycle's edges, or null.</summary>
    private static List<(int From, Edge Edge)>? FindCycle(List<Edge>[] edges)
    {
        const byte Unvisited = 0, OnPath = 1, Done = 2;
        var state = new byte[edges.Length];
        var path = new List<(int Node, int NextEdge)>();
        for (int root = 0; root < edges.Length; root++)
        {
            if (state[root] != Unvisited)
                continue;
            state[root] = OnPath;
            path.Add((root, 0));
            while (path.Count > 0)
            {
                var (node, nextEdge) = path[^1];
                if (nextEdge == edges[node].Count)
                {
                    state[node] = Done;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                path[^1] = (node, nextEdge + 1);
                int to = edges[node][nextEdge].To;
                if (state[to] == OnPath)
                {
                    // The path from `to` down to `node`, plus this edge back to `to`, is a cycle.
                    int start = path.FindIndex(entry => entry.Node == to);
                    return path.Skip(start).Select(entry => (entry.Node, edges[entry.Node][entry.NextEdge - 1])).ToList();
                }
                if (state[to] == Unvisited)
                {
                    state[to] = OnPath;
                    path.Add((to, 0));
                }
            }
        }
        return null;
    }
}
