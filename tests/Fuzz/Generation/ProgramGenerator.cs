using System.Globalization;

namespace Stm.Fuzz.Generation;

/// <summary>
/// Generates a random, valid, deterministic C# program from a seed. Its Main runs sections (each
/// a method of random statements, or a multithreaded template); after each it prints the running
/// checksum of the values the program computed, so a difference shows where it appeared.
/// </summary>
internal sealed class ProgramGenerator
{
    private readonly Random _random;
    private readonly ProgramModel _model;
    private readonly ExpressionGenerator _expressions;
    private readonly StatementGenerator _statements;

    private ProgramGenerator(int seed, FeatureSet features)
    {
        _random = new Random(seed);
        _model = new ProgramModel(features);
        _expressions = new ExpressionGenerator(_random, _model);
        _statements = new StatementGenerator(_random, _model, _expressions);
    }

    public static GeneratedProgram Generate(int seed, FeatureSet features) => new ProgramGenerator(seed, features).Generate();

    private bool Has(Feature feature) => _model.Features.Has(feature);

    private GeneratedProgram Generate()
    {
        DeclareTypes();
        var members = new SourceWriter();
        var types = new SourceWriter();
        foreach (var structModel in _model.Structs)
            WriteStruct(types, structModel);
        foreach (var classModel in _model.Classes)
            WriteClass(types, classModel);
        if (Has(Feature.Iterators))
        {
            for (int i = 0, count = _random.Next(1, 3); i < count; i++)
                WriteIterator(members, $"Seq{i}");
        }
        for (int i = 0, count = _random.Next(2, 6); i < count; i++)
            WriteHelper(members, $"Helper{i}");
        var sections = new List<string>();
        for (int i = 0, count = _random.Next(2, 6); i < count; i++)
        {
            string name = $"Section{i}";
            WriteSection(members, name);
            sections.Add(name);
        }
        var threads = new ThreadSectionGenerator(_random, _model, _statements, _expressions);
        if (Has(Feature.Threads) && _random.Chance(0.5))
        {
            string name = $"Section{sections.Count}";
            threads.Write(members, name);
            sections.Add(name);
        }
        if (Has(Feature.Racy) && _random.Chance(0.25))
        {
            string name = $"Section{sections.Count}";
            threads.WriteRacy(members, name);
            sections.Add(name);
        }
        // Sections in random order: each starts from the state the others left.
        sections = [.. sections.OrderBy(_ => _random.Next())];
        bool optimize = !Has(Feature.DebugBuilds) || _random.Chance(0.75);
        return new GeneratedProgram(Compose(types, members, sections), optimize);
    }

    private void DeclareTypes()
    {
        if (Has(Feature.Structs))
        {
            for (int i = 0, count = _random.Next(1, 3); i < count; i++)
                _model.Structs.Add(new StructModel(i));
        }
        if (Has(Feature.Classes))
        {
            for (int i = 0, count = _random.Next(1, 5); i < count; i++)
            {
                var baseClass = i > 0 && _random.Chance(0.6) ? _random.Pick(_model.Classes) : null;
                _model.Classes.Add(new ClassModel(i, baseClass)
                {
                    StructField = _model.Structs.Count > 0 && _random.Chance(0.5) ? _random.Pick(_model.Structs) : null,
                    HasItems = Has(Feature.Collections) && _random.Chance(0.4),
                    HasStatics = Has(Feature.Statics),
                    HasStaticConstructor = Has(Feature.Statics) && Has(Feature.StaticConstructors) && _random.Chance(0.5),
                    HasProperties = Has(Feature.Properties) && _random.Chance(0.7),
                    HasVolatile = Has(Feature.Statics) && _random.Chance(0.5),
                    IsShape = _random.Chance(0.5),
                    HasWalk = Has(Feature.Iterators) && _random.Chance(0.4),
                });
            }
        }
        if (Has(Feature.Statics))
        {
            for (int i = 0, count = _random.Next(1, 4); i < count; i++)
                _model.StaticInts.Add($"s_{(char)('a' + i)}");
        }
    }

    private static void WriteStruct(SourceWriter w, StructModel s)
    {
        w.Open($"struct {s.Name} : IShape, IBump");
        w.Line("public int A;");
        w.Line("public int B;");
        w.Line("public long C;");
        w.Block($"public {s.Name}(int a, int b)", () =>
        {
            w.Line("A = a;");
            w.Line("B = b;");
            w.Line($"C = a * {10 + s.Index}L + b;");
        });
        w.Line("public int Area(int k) => unchecked(A * k + B);");
        w.Block("public void Bump(int d)", () =>
        {
            w.Line("A = unchecked(A + d);");
            w.Line("B ^= d;");
            w.Line("C++;");
        });
        w.Line($"public override string ToString() => \"{s.Name}(\" + A + \",\" + B + \")\";");
        w.Close();
    }

    private void WriteClass(SourceWriter w, ClassModel c)
    {
        var bases = new List<string>();
        if (c.Base is not null)
            bases.Add(c.Base.Name);
        bool declaresArea = c.IsShape && !(c.Base?.ImplementsShape ?? false);
        if (declaresArea)
            bases.Add("IShape");
        w.Open($"class {c.Name}{(bases.Count == 0 ? "" : " : " + string.Join(", ", bases))}");
        w.Line($"public int {c.Plain};");
        w.Line($"public long {c.LongField};");
        w.Line($"public readonly int {c.Readonly};");
        if (c.HasVolatile)
            w.Line($"public volatile int {c.Volatile};");
        w.Line($"public {c.Name} {c.Next};");
        if (c.StructField is { } structField)
            w.Line($"public {structField.Name} {c.StructFieldName};");
        if (c.HasItems)
            w.Line($"public List<int> {c.Items} = new List<int> {{ {c.Index} }};");
        if (c.HasStatics)
        {
            w.Line($"public static int {c.StaticCount};");
            w.Line($"public static readonly int {c.StaticReadonly} = {7 * c.Index + 3};");
            w.Line("[ThreadStatic]");
            w.Line($"public static int {c.ThreadStatic};");
        }
        if (c.HasStaticConstructor)
            w.Block($"static {c.Name}()", () => w.Line($"{c.StaticCount} = {100 + c.Index};"));
        if (c.HasProperties)
        {
            w.Line($"public int {c.Property} {{ get; set; }}");
            w.Line($"public int {c.ComputedProperty} => unchecked({c.Plain} + {c.Readonly});");
        }
        string chain = c.Base is null ? "" : $" : base(seed + {c.Index})";
        w.Block($"public {c.Name}(int seed){chain}", () =>
        {
            w.Line($"{c.Plain} = seed;");
            w.Line($"{c.Readonly} = unchecked(seed * 7 + {c.Index});");
            w.Line($"{c.LongField} = seed * 1000L;");
            if (c.HasStatics)
                w.Line($"{c.StaticCount}++;");
            if (c.HasProperties)
                w.Line($"{c.Property} = seed & 3;");
        });
        WriteVirtualMethod(w, c);
        if (declaresArea)
            w.Line($"public int Area(int k) => unchecked({c.Plain} * k + {c.Readonly});");
        if (c.HasWalk)
        {
            w.Block($"public IEnumerable<int> Walk{c.Index}(int n)", () =>
            {
                w.Line($"{c.Name} cur = this;");
                w.Block("for (int i = 0; i < n && cur != null; i++)", () =>
                {
                    w.Line($"yield return unchecked(cur.{c.Plain} + i);");
                    w.Line($"cur = cur.{c.Next};");
                });
            });
        }
        w.Close();
    }

    /// <summary>M(x): virtual in a root class, overridden (sometimes calling base.M) in derived ones. No loops, no calls of other M.</summary>
    private void WriteVirtualMethod(SourceWriter w, ClassModel c)
    {
        var ctx = NewContext(ReturnKind.Int) with { InClassMethod = true, LoopDepth = ExpressionGenerator.MaxLoopDepth };
        ctx.Scope.Declare(new Variable("this", ValueKind.Object) { Class = c, Writable = false });
        ctx.Scope.Declare(new Variable("x", ValueKind.Int));
        w.Open($"public {(c.Base is null ? "virtual" : "override")} int M(int x)");
        _statements.Block(w, ctx, _random.Next(0, 3));
        w.Line(c.Base is not null && _random.Chance(0.5) ? $"return unchecked(base.M(x) + {_expressions.Int(ctx)});" : $"return {_expressions.Int(ctx)};");
        w.Close();
    }

    private static BodyContext NewContext(ReturnKind kind) =>
        new() { Scope = new Scope(null), Names = new Names(), Stats = new MethodStats(), Return = kind };

    /// <summary><c>IEnumerable&lt;int&gt; SeqK(int n, int step)</c>: yields in a loop bounded by n, sometimes inside try/finally.</summary>
    private void WriteIterator(SourceWriter w, string name)
    {
        var ctx = NewContext(ReturnKind.Yield);
        ctx.Scope.Declare(new Variable("n", ValueKind.Int) { Writable = false });
        ctx.Scope.Declare(new Variable("step", ValueKind.Int));
        ctx.Reach(1);
        var body = ctx.InLoop() with { CanYield = true };
        body.Scope.Declare(new Variable("i", ValueKind.Int) { Writable = false });
        bool guarded = _random.Chance(0.4);
        w.Open($"internal static IEnumerable<int> {name}(int n, int step)");
        if (guarded)
            w.Open("try");
        w.Block("for (int i = 0; i < n; i++)", () =>
        {
            _statements.Block(w, body, _random.Next(0, 4));
            w.Line($"yield return {_expressions.Int(body)};");
        });
        if (guarded)
        {
            w.Close();
            w.Block("finally", () => _statements.Block(w, ctx.Finally(), _random.Next(1, 3)));
        }
        w.Close();
        _model.Iterators.Add(new IteratorModel(name, ctx.Stats.LoopDepth));
    }

    /// <summary><c>int HelperK(int a, int b[, NodeJ n])</c>: calls only helpers declared before it.</summary>
    private void WriteHelper(SourceWriter w, string name)
    {
        var ctx = NewContext(ReturnKind.Int);
        ctx.Scope.Declare(new Variable("a", ValueKind.Int));
        ctx.Scope.Declare(new Variable("b", ValueKind.Int));
        var objectParameter = _model.Classes.Count > 0 && _random.Chance(0.4) ? _random.Pick(_model.Classes) : null;
        string parameters = "int a, int b";
        if (objectParameter is not null)
        {
            ctx.Scope.Declare(new Variable("n", ValueKind.Object) { Class = objectParameter });
            parameters += $", {objectParameter.Name} n";
        }
        w.Open($"internal static int {name}({parameters})");
        _statements.Block(w, ctx, _random.Next(1, 6));
        w.Line($"return {_expressions.Int(ctx)};");
        w.Close();
        _model.Helpers.Add(new HelperModel(name, ctx.Stats.LoopDepth, objectParameter));
    }

    private void WriteSection(SourceWriter w, string name)
    {
        var ctx = NewContext(ReturnKind.Void);
        w.Open($"static void {name}()");
        for (int i = 0, count = _random.Next(2, 5); i < count; i++)
        {
            if (!_statements.DeclareDataOrScalar(w, ctx))
                _statements.Statement(w, ctx);
        }
        _statements.Block(w, ctx, _random.Next(3, 10));
        _statements.SinkAll(w, ctx);
        w.Close();
    }

    private string Compose(SourceWriter types, SourceWriter members, List<string> sections)
    {
        var w = new SourceWriter();
        w.Line("#nullable disable");
        foreach (string ns in new[] { "System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading" })
            w.Line($"using {ns};");
        // The classes' methods use Program's statics and helpers as the sections do.
        w.Line("using static Program;");
        w.Line("");
        w.Line("interface IShape { int Area(int k); }");
        w.Line("interface IBump { void Bump(int d); }");
        w.Block("sealed class FuzzException : Exception", () =>
        {
            w.Line("public readonly int Code;");
            w.Line("public FuzzException(int code) : base(\"fuzz \" + code) { Code = code; }");
        });
        if (Has(Feature.Generics))
        {
            w.Line("static class Tally<T> { public static int s_hits; public static long s_sum; }");
            w.Block("sealed class Cell<T>", () =>
            {
                w.Line("public T Value;");
                w.Line("public int Reads;");
                w.Line("public Cell(T value) { Value = value; }");
                w.Line("public T Get() { Reads++; return Value; }");
            });
        }
        w.Append(types);
        w.Open("static class Program");
        WriteStatics(w);
        w.Lines(Prelude);
        w.Append(members);
        w.Block("public static void Main()", () =>
        {
            foreach (string section in sections)
                w.Line($"Report(\"{section}\", {section});");
            w.Line("Console.WriteLine(\"checksum \" + s_checksum);");
        });
        w.Close();
        return w.ToString();
    }

    /// <summary>
    /// Program's statics. Program has an explicit static constructor: without one its initializers
    /// (which construct objects and so count them) could run at a time the JIT picks, differently
    /// in the woven program.
    /// </summary>
    private void WriteStatics(SourceWriter w)
    {
        w.Line("internal static long s_checksum;");
        w.Line("internal static readonly object s_gate = new object();");
        w.Line("internal static readonly Lock s_lock = new Lock();");
        var initializers = new List<string>();
        if (Has(Feature.Statics))
        {
            w.Line($"internal static int {string.Join(", ", _model.StaticInts)};");
            w.Line($"internal static long {ProgramModel.StaticLong};");
            w.Line($"internal static volatile int {ProgramModel.VolatileStatic};");
            w.Line("[ThreadStatic]");
            w.Line($"internal static int {ProgramModel.ThreadStaticInt};");
            w.Line($"internal static readonly int[] {ProgramModel.StaticTable} = {{ 3, 1, 4, 1, 5, 9 }};");
            if (Has(Feature.Arrays))
            {
                w.Line($"internal static int[] {ProgramModel.StaticArray};");
                w.Line($"internal static int[][] {ProgramModel.StaticJagged};");
                w.Line($"internal static int[,] {ProgramModel.StaticGrid};");
                initializers.Add($"{ProgramModel.StaticArray} = new int[{ProgramModel.StaticArrayLength}];");
                initializers.Add($"{ProgramModel.StaticJagged} = new int[][] {{ new int[2], new int[3], new int[4] }};");
                initializers.Add($"{ProgramModel.StaticGrid} = new int[{ProgramModel.StaticGridRows}, {ProgramModel.StaticGridColumns}];");
            }
            if (_model.Structs.Count > 0)
            {
                w.Line($"internal static {_model.Structs[0].Name} {ProgramModel.StaticPair};");
                initializers.Add($"{ProgramModel.StaticPair} = new {_model.Structs[0].Name}(1, 2);");
            }
            if (_model.Classes.Count > 0)
            {
                w.Line($"internal static {_model.Classes[0].Name} {ProgramModel.StaticNode};");
                initializers.Add($"{ProgramModel.StaticNode} = new {_model.Classes[0].Name}(4);");
            }
            if (Has(Feature.StaticConstructors))
                initializers.Add($"{_model.StaticInts[0]} = {_random.Next(1, 50).ToString(CultureInfo.InvariantCulture)};");
        }
        if (Has(Feature.Racy))
            w.Line("internal static long s_race;");
        w.Block("static Program()", () =>
        {
            foreach (string initializer in initializers)
                w.Line(initializer);
        });
    }

    /// <summary>Helpers every program has (unused ones cost nothing).</summary>
    private const string Prelude = """
        internal static void Sink(long value) => s_checksum = unchecked(s_checksum * 1000003 + value);
        internal static int Idx(int value, int length) => (value & int.MaxValue) % length;
        internal static int Hash(string text)
        {
            int hash = 17;
            foreach (char c in text)
                hash = unchecked(hash * 31 + c);
            return hash;
        }
        internal static void Report(string name, Action section)
        {
            try
            {
                section();
            }
            catch (Exception exception)
            {
                Console.WriteLine(name + " threw " + exception.GetType().Name);
            }
            Console.WriteLine(name + " " + s_checksum);
        }
        internal static void Race(string name, long actual, long expected) =>
            Console.WriteLine(actual == expected ? "race " + name + " ok" : "race " + name + " LOST " + actual + " of " + expected);
        internal static void AddTo(ref int target, int value)
        {
            target = unchecked(target + value);
            if ((value & 3) == 0)
                target ^= 0x55;
        }
        internal static bool TryHalf(int value, out int half)
        {
            half = value / 2;
            return (value & 1) == 0;
        }
        internal static ref int Pick(int[] array, int index) => ref array[Idx(index, array.Length)];
        internal static int Deep(int depth, int code)
        {
            if (depth <= 0)
                throw new FuzzException(code);
            return Deep(depth - 1, unchecked(code + 1)) + 1;
        }
        internal static int Recurse(int n, int acc) => n <= 0 ? acc : Recurse(n - 1, unchecked(acc * 3 + n));
        internal static int Measure<T>(T shape, int k) where T : IShape => unchecked(shape.Area(k) + shape.ToString().Length);
        internal static void BumpRef<T>(ref T item, int d) where T : struct, IBump => item.Bump(d);
        internal static int BumpAll<T>(T[] items, int d) where T : struct, IBump, IShape
        {
            int sum = 0;
            for (int i = 0; i < items.Length; i++)
            {
                items[i].Bump(d);
                sum = unchecked(sum + items[i].Area(1));
            }
            return sum;
        }
        internal static int SumAll<T>(T items) where T : IEnumerable<int>
        {
            int sum = 0;
            foreach (int item in items)
                sum = unchecked(sum + item);
            return sum;
        }
        internal static string Describe<T>(T value) => value is null ? "null" : value.ToString();
        """;
}
