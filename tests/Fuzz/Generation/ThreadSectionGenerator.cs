using System.Globalization;

namespace Stm.Fuzz.Generation;

/// <summary>
/// Sections that start two threads. Their results do not depend on the interleaving: disjoint
/// data, shared data under a lock or with Interlocked (commutative updates), a producer/consumer
/// handoff with Monitor.Wait/PulseAll. Racy sections update shared data with no synchronization:
/// the original may lose updates, the woven program must not (DESIGN §2), so each prints
/// <c>race NAME ok</c> or <c>race NAME LOST …</c> and only "ok" is the expected output.
/// </summary>
internal sealed class ThreadSectionGenerator(Random random, ProgramModel model, StatementGenerator statements, ExpressionGenerator expressions)
{
    private bool Has(Feature feature) => model.Features.Has(feature);

    private string Iterations(int low, int high) => random.Next(low, high).ToString(CultureInfo.InvariantCulture);

    public void Write(SourceWriter w, string name)
    {
        var templates = new List<(int, Action)> { (3, () => Disjoint(w, name)) };
        if (Has(Feature.Locks))
        {
            templates.Add((3, () => Locked(w, name)));
            if (Has(Feature.Collections))
                templates.Add((1, () => Handoff(w, name)));
        }
        if (Has(Feature.Interlocked))
            templates.Add((2, () => Interlocked(w, name)));
        random.Weighted(templates)();
    }

    private static BodyContext Section() => new() { Scope = new Scope(null), Names = new Names(), Stats = new MethodStats(), Return = ReturnKind.Void };

    /// <summary>A thread body: it sees only <paramref name="owned"/> (and thread-statics).</summary>
    private static BodyContext ThreadBody(BodyContext section, IEnumerable<Variable> owned)
    {
        var ctx = section with { Scope = new Scope(null), Isolated = true, InLambda = true, Return = ReturnKind.None, Depth = 1 };
        foreach (var variable in owned)
            ctx.Scope.Declare(variable);
        return ctx;
    }

    /// <summary>Each thread works on data of its own, with random statements; the results are sunk after both joined.</summary>
    private void Disjoint(SourceWriter w, string name)
    {
        var section = Section();
        w.Open($"static void {name}()");
        var workers = new List<string>();
        var sinks = new List<string>();
        for (int t = 0; t < 2; t++)
        {
            string array = section.Names.Next("own");
            int length = random.Next(2, 9);
            w.Line($"int[] {array} = new int[{length}];");
            var owned = new List<Variable> { new(array, ValueKind.IntArray) { Length = length } };
            sinks.Add($"foreach (int value in {array}) Sink(value);");
            if (Has(Feature.Classes) && model.Classes.Count > 0 && random.Chance(0.6))
            {
                var c = random.Pick(model.Classes);
                string node = section.Names.Next("node");
                w.Line($"var {node} = new {c.Name}({expressions.Small()});");
                owned.Add(new Variable(node, ValueKind.Object) { Class = c });
                sinks.Add($"Sink({node}.{c.Plain});");
            }
            if (Has(Feature.Collections) && random.Chance(0.5))
            {
                string list = section.Names.Next("items");
                w.Line($"var {list} = new List<int> {{ {expressions.Small()} }};");
                owned.Add(new Variable(list, ValueKind.List));
                sinks.Add($"foreach (int value in {list}) Sink(value);");
            }
            string worker = section.Names.Next("worker");
            workers.Add(worker);
            var body = ThreadBody(section, owned);
            string i = section.Names.Next("i");
            var loop = body.InLoop();
            loop.Scope.Declare(new Variable(i, ValueKind.Int) { Writable = false });
            w.Open($"var {worker} = new Thread(() =>");
            w.Open("try");
            w.Block($"for (int {i} = 0; {i} < {Iterations(50, 800)}; {i}++)", () => statements.Block(w, loop, random.Next(2, 6)));
            w.Close();
            // An exception must not escape a thread (it would end the process): it becomes data.
            w.Block("catch (Exception exception)", () => w.Line($"{array}[0] = Hash(exception.GetType().Name);"));
            w.Close(");");
        }
        StartAndJoin(w, workers);
        foreach (string sink in sinks)
            w.Line(sink);
        w.Close();
    }

    private static void StartAndJoin(SourceWriter w, List<string> workers)
    {
        foreach (string worker in workers)
            w.Line($"{worker}.Start();");
        foreach (string worker in workers)
            w.Line($"{worker}.Join();");
    }

    /// <summary>Both threads add to shared data inside a lock region (of one of the kinds C# has): sums do not depend on the order.</summary>
    private void Locked(SourceWriter w, string name)
    {
        var section = Section();
        w.Open($"static void {name}()");
        string shared = SharedTarget(w, section, out string sharedSink);
        string totals = section.Names.Next("totals");
        w.Line($"long[] {totals} = new long[2];");
        string? counts = null;
        if (Has(Feature.Collections))
        {
            counts = section.Names.Next("counts");
            w.Line($"var {counts} = new Dictionary<int, int>();");
        }
        var (enter, exit) = random.Next(4) switch
        {
            0 => ("lock (s_lock)", null),
            1 => ("Monitor.Enter(s_gate); try", "finally { Monitor.Exit(s_gate); }"),
            2 => ($"lock ({totals})", null),
            _ => ("lock (s_gate)", (string?)null),
        };
        var workers = new List<string>();
        for (int t = 0; t < 2; t++)
        {
            string worker = section.Names.Next("worker");
            workers.Add(worker);
            string i = section.Names.Next("i");
            string value = section.Names.Next("value");
            var body = ThreadBody(section, [new Variable(i, ValueKind.Int) { Writable = false }]);
            w.Open($"var {worker} = new Thread(() =>");
            w.Open($"for (int {i} = 0; {i} < {Iterations(100, 1500)}; {i}++)");
            w.Line($"int {value} = {expressions.Int(body)};");
            w.Open(enter);
            w.Line($"{shared} += {value};");
            w.Line($"{totals}[{t}] += {value};");
            if (Has(Feature.Statics))
                w.Line($"{ProgramModel.StaticLong} += {value};");
            if (counts is not null)
                w.Line($"{counts}[{value} & 7] = {counts}.GetValueOrDefault({value} & 7) + 1;");
            w.Close();
            if (exit is not null)
                w.Line(exit);
            w.Close();
            w.Close(");");
        }
        StartAndJoin(w, workers);
        w.Line(sharedSink);
        w.Line($"Sink({totals}[0]);");
        w.Line($"Sink({totals}[1]);");
        if (Has(Feature.Statics))
            w.Line($"Sink({ProgramModel.StaticLong});");
        if (counts is not null)
            w.Line($"foreach (var pair in {counts}.OrderBy(p => p.Key)) Sink(pair.Key * 100000L + pair.Value);");
        w.Close();
    }

    /// <summary>A shared int location both threads update: a field of a shared object, or an array element.</summary>
    private string SharedTarget(SourceWriter w, BodyContext section, out string sink)
    {
        if (Has(Feature.Classes) && model.Classes.Count > 0)
        {
            var c = random.Pick(model.Classes);
            string node = section.Names.Next("shared");
            w.Line($"var {node} = new {c.Name}(0);");
            sink = $"Sink({node}.{c.Plain});";
            return $"{node}.{c.Plain}";
        }
        string array = section.Names.Next("shared");
        w.Line($"int[] {array} = new int[1];");
        sink = $"Sink({array}[0]);";
        return $"{array}[0]";
    }

    /// <summary>Both threads update shared locations with Interlocked only.</summary>
    private void Interlocked(SourceWriter w, string name)
    {
        var section = Section();
        w.Open($"static void {name}()");
        string shared = SharedTarget(w, section, out string sharedSink);
        string slots = section.Names.Next("slots");
        w.Line($"int[] {slots} = new int[4];");
        var workers = new List<string>();
        for (int t = 0; t < 2; t++)
        {
            string worker = section.Names.Next("worker");
            workers.Add(worker);
            string i = section.Names.Next("i");
            var body = ThreadBody(section, [new Variable(i, ValueKind.Int) { Writable = false }]);
            w.Open($"var {worker} = new Thread(() =>");
            w.Open($"for (int {i} = 0; {i} < {Iterations(100, 2000)}; {i}++)");
            w.Line($"Interlocked.Add(ref {shared}, {expressions.Int(body)});");
            w.Line($"Interlocked.Increment(ref {slots}[{i} & 3]);");
            if (Has(Feature.Statics))
                w.Line($"Interlocked.Add(ref {ProgramModel.StaticLong}, {i});");
            w.Close();
            w.Close(");");
        }
        StartAndJoin(w, workers);
        w.Line(sharedSink);
        w.Line($"foreach (int slot in {slots}) Sink(slot);");
        if (Has(Feature.Statics))
            w.Line($"Sink({ProgramModel.StaticLong});");
        w.Close();
    }

    /// <summary>A producer hands items to a consumer through a queue, with Monitor.Wait/PulseAll; the consumer sums them.</summary>
    private void Handoff(SourceWriter w, string name)
    {
        var section = Section();
        string i = section.Names.Next("i");
        var body = ThreadBody(section, [new Variable(i, ValueKind.Int) { Writable = false }]);
        w.Open($"static void {name}()");
        w.Line("var queue = new Queue<int>();");
        w.Line("bool[] done = new bool[1];");
        w.Line("long[] consumed = new long[2];");
        w.Open("var producer = new Thread(() =>");
        w.Open($"for (int {i} = 1; {i} <= {Iterations(20, 400)}; {i}++)");
        w.Line($"lock (queue) {{ queue.Enqueue({expressions.Int(body)}); Monitor.PulseAll(queue); }}");
        w.Close();
        w.Line("lock (queue) { done[0] = true; Monitor.PulseAll(queue); }");
        w.Close(");");
        w.Open("var consumer = new Thread(() =>");
        w.Open("while (true)");
        w.Line("int item;");
        w.Open("lock (queue)");
        w.Line("while (queue.Count == 0 && !done[0])");
        w.Line("    Monitor.Wait(queue);");
        w.Line("if (queue.Count == 0)");
        w.Line("    break;");
        w.Line("item = queue.Dequeue();");
        w.Close();
        w.Line("consumed[0] += item;");
        w.Line("consumed[1]++;");
        w.Close();
        w.Close(");");
        StartAndJoin(w, ["producer", "consumer"]);
        w.Line("Sink(consumed[0]);");
        w.Line("Sink(consumed[1]);");
        w.Close();
    }

    /// <summary>Two threads run the same unsynchronized increments: the woven program must lose none.</summary>
    public void WriteRacy(SourceWriter w, string name)
    {
        var section = Section();
        string n = section.Names.Next("n");
        w.Open($"static void {name}()");
        w.Line("s_race = 0;");
        w.Line($"int {n} = {Iterations(2000, 20000)};");
        w.Line("int[] slots = new int[4];");
        var checks = new List<string> { $"Race(\"static\", s_race, 2L * {n});", $"Race(\"array\", slots[0] + slots[1] + slots[2] + slots[3], 2L * {n});" };
        string? node = null;
        if (Has(Feature.Classes) && model.Classes.Count > 0)
        {
            var c = random.Pick(model.Classes);
            node = $"counter.{c.Plain}";
            w.Line($"var counter = new {c.Name}(0);");
            checks.Add($"Race(\"field\", {node}, 4L * {n});");
        }
        bool list = Has(Feature.Collections) && random.Chance(0.5);
        if (list)
        {
            w.Line("var list = new List<int>();");
            checks.Add($"Race(\"list\", list.Count, 2L * {n});");
        }
        w.Open("ThreadStart work = () =>");
        string header = random.Next(3) switch
        {
            0 => $"for (int i = 0; i < {n}; i++)",
            1 => $"int i = 0; while (i < {n})",
            _ => $"int i = -1; while (++i < {n})",
        };
        w.Open(header);
        w.Line("s_race++;");
        w.Line("slots[i & 3]++;");
        if (node is not null)
            w.Line($"{node} += 2;");
        if (list)
        {
            // The original may corrupt the list: an exception there must not end the process.
            w.Line("try { list.Add(i); } catch (Exception) { }");
        }
        if (header.Contains("while (i <", StringComparison.Ordinal))
            w.Line("i++;");
        w.Close();
        w.Close(";");
        w.Line("var first = new Thread(work);");
        w.Line("var second = new Thread(work);");
        StartAndJoin(w, ["first", "second"]);
        foreach (string check in checks)
            w.Line(check);
        w.Close();
    }
}
