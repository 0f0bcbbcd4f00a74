namespace Stm.Fuzz.Generation;

/// <summary>
/// Random statements. Every loop's bound lives in its header (or in the goto that closes it), so
/// that deleting statements (the reducer) cannot make a program run forever.
/// </summary>
internal sealed partial class StatementGenerator(Random random, ProgramModel model, ExpressionGenerator expressions)
{
    private const int MaxStatementDepth = 3;

    private delegate bool Emitter(SourceWriter w, BodyContext ctx);

    private LocationGenerator Locations => expressions.Locations;

    private bool Has(Feature feature) => model.Features.Has(feature);

    public void Block(SourceWriter w, BodyContext ctx, int count)
    {
        for (int i = 0; i < count; i++)
            Statement(w, ctx);
    }

    public void Statement(SourceWriter w, BodyContext ctx)
    {
        var kinds = Kinds(ctx);
        for (int attempt = 0; attempt < 8; attempt++)
        {
            if (random.Weighted(kinds)(w, ctx))
                return;
        }
        DeclareScalar(w, ctx);
    }

    /// <summary>Declares a variable: often data (objects, arrays, collections…), else a scalar.</summary>
    public bool DeclareDataOrScalar(SourceWriter w, BodyContext ctx) => (random.Chance(0.7) && DeclareData(w, ctx)) || DeclareScalar(w, ctx);

    /// <summary>Sinks the int and long variables of a scope (so what they computed reaches the checksum).</summary>
    public void SinkAll(SourceWriter w, BodyContext ctx)
    {
        foreach (var variable in ctx.Visible().Where(v => v.Kind is ValueKind.Int or ValueKind.Long))
            w.Line($"Sink({variable.Name});");
    }

    private List<(int, Emitter)> Kinds(BodyContext ctx)
    {
        bool compound = ctx.Depth < MaxStatementDepth;
        var kinds = new List<(int, Emitter)> { (24, Assign), (5, DeclareScalar) };
        if (compound)
            kinds.Add((6, If));
        if (ctx.Pure)
            return kinds;
        if (!ctx.Isolated)
            kinds.Add((8, SinkValue));
        if (compound && ctx.LoopDepth < ExpressionGenerator.MaxLoopDepth)
            kinds.Add((10, Loop));
        if (ctx.CanBreak)
            kinds.Add((3, BreakOrContinue));
        if (ctx.Labels.Length > 0)
            kinds.Add((2, GotoExit));
        if (ctx.Return != ReturnKind.None)
            kinds.Add((1, EarlyReturn));
        if (ctx.CanYield)
            kinds.Add((8, YieldReturn));
        if (ctx.Depth <= 1)
            kinds.Add((6, DeclareData));
        if (Has(Feature.Exceptions))
        {
            if (compound)
                kinds.Add((6, Try));
            kinds.Add((ctx.InTry ? 5 : 1, Throw));
        }
        if (compound && Has(Feature.Switches))
            kinds.Add((4, Switch));
        if (Has(Feature.Checked))
            kinds.Add((2, Checked));
        if (Has(Feature.Refs))
            kinds.Add((4, RefStatement));
        if (Has(Feature.Structs))
            kinds.Add((3, StructStatement));
        if (Has(Feature.Classes))
            kinds.Add((3, ObjectStatement));
        if (Has(Feature.Closures) && ctx.Depth <= 2)
            kinds.Add((3, Closure));
        if (Has(Feature.LocalFunctions) && ctx.Depth <= 2)
            kinds.Add((2, LocalFunction));
        if (Has(Feature.Closures) || Has(Feature.LocalFunctions))
            kinds.Add((2, InvokeAction));
        if (Has(Feature.Strings))
            kinds.Add((3, StringStatement));
        if (Has(Feature.Collections))
            kinds.Add((5, CollectionStatement));
        if (compound && Has(Feature.Locks))
            kinds.Add((3, Lock));
        if (Has(Feature.Interlocked))
            kinds.Add((3, InterlockedStatement));
        if (Has(Feature.Generics))
            kinds.Add((2, GenericStatement));
        return kinds;
    }

    private bool Assign(SourceWriter w, BodyContext ctx)
    {
        if (random.Chance(0.15) && Locations.Long(ctx, LocationUse.Write) is { } wide)
        {
            w.Line($"{wide} {random.Pick(["=", "+=", "-=", "^="])} {expressions.Long(ctx)};");
            return true;
        }
        if (Locations.Int(ctx, LocationUse.Write) is not { } target)
            return false;
        string op = random.Pick(["=", "=", "+=", "+=", "-=", "^=", "|=", "*=", "++", "--", "<<="]);
        w.Line(op switch
        {
            "++" or "--" => $"{target}{op};",
            "<<=" => $"{target} <<= ({expressions.Int(ctx)} & 7);",
            _ => $"{target} {op} {expressions.Int(ctx)};",
        });
        return true;
    }

    private bool DeclareScalar(SourceWriter w, BodyContext ctx)
    {
        int roll = random.Next(10);
        if (roll < 7)
            Declare(w, ctx, ValueKind.Int, "int", expressions.Int(ctx));
        else if (roll < 9)
            Declare(w, ctx, ValueKind.Long, "long", expressions.Long(ctx));
        else
            Declare(w, ctx, ValueKind.Bool, "bool", expressions.Condition(ctx));
        return true;
    }

    private string Declare(SourceWriter w, BodyContext ctx, ValueKind kind, string type, string initializer, string prefix = "v")
    {
        string name = ctx.Names.Next(prefix);
        w.Line($"{type} {name} = {initializer};");
        ctx.Scope.Declare(new Variable(name, kind));
        return name;
    }

    private bool SinkValue(SourceWriter w, BodyContext ctx)
    {
        w.Line($"Sink({(random.Chance(0.2) ? expressions.Long(ctx) : expressions.Int(ctx))});");
        return true;
    }

    /// <summary>Where the result of a statement goes: the checksum, or (in a thread body) a location of its own.</summary>
    private bool Consume(SourceWriter w, BodyContext ctx, string value)
    {
        if (!ctx.Isolated)
        {
            w.Line($"Sink({value});");
            return true;
        }
        if (Locations.Int(ctx, LocationUse.Write) is not { } target)
            return false;
        w.Line($"{target} ^= {value};");
        return true;
    }

    private Variable? PickVariable(BodyContext ctx, Func<Variable, bool> filter)
    {
        var candidates = ctx.Visible().Where(filter).ToList();
        return candidates.Count == 0 ? null : random.Pick(candidates);
    }

    private int Bound(BodyContext ctx) => random.Next(1, ctx.LoopDepth == 0 ? 12 : 6);
}
