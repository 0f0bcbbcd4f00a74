namespace Stm.Fuzz.Generation;

/// <summary>Control flow: if, the loop forms, jumps, switch, try/catch/finally/filters, checked.</summary>
internal sealed partial class StatementGenerator
{
    private static readonly string[] RuntimeExceptions =
    [
        "IndexOutOfRangeException", "NullReferenceException", "DivideByZeroException", "OverflowException",
        "InvalidCastException", "ArrayTypeMismatchException", "InvalidOperationException", "ArgumentException",
    ];

    private int BodySize(BodyContext ctx) => random.Next(1, ctx.Depth == 0 ? 5 : 3);

    private bool If(SourceWriter w, BodyContext ctx)
    {
        w.Block($"if ({expressions.Condition(ctx)})", () => Block(w, ctx.Nested(), BodySize(ctx)));
        if (random.Chance(0.2))
            w.Block($"else if ({expressions.Condition(ctx)})", () => Block(w, ctx.Nested(), BodySize(ctx)));
        if (random.Chance(0.4))
            w.Block("else", () => Block(w, ctx.Nested(), BodySize(ctx)));
        return true;
    }

    private bool Loop(SourceWriter w, BodyContext ctx)
    {
        ctx.Reach(ctx.LoopDepth + 1);
        int roll = random.Next(100);
        if (roll < 30)
            return For(w, ctx);
        if (roll < 45)
            return While(w, ctx);
        if (roll < 55)
            return DoWhile(w, ctx);
        if (roll < 85)
            return Foreach(w, ctx);
        if (Has(Feature.Goto))
            return GotoLoop(w, ctx);
        return For(w, ctx);
    }

    private bool For(SourceWriter w, BodyContext ctx)
    {
        var body = ctx.InLoop();
        string i = ctx.Names.Next("i");
        int bound = Bound(ctx);
        body.Scope.Declare(new Variable(i, ValueKind.Int) { Writable = false });
        string header = random.Next(3) switch
        {
            0 => $"for (int {i} = {bound}; {i} > 0; {i} -= {random.Next(1, 3)})",
            1 when DeclareSecondCounter(body) is { } j => $"for (int {i} = 0, {j} = {expressions.Small()}; {i} < {bound}; {i}++, {j}--)",
            _ => $"for (int {i} = 0; {i} < {bound}; {i}++)",
        };
        w.Block(header, () => Block(w, body, BodySize(ctx)));
        return true;
    }

    /// <summary>A second loop variable, free to be assigned (the bound is on the first).</summary>
    private static string DeclareSecondCounter(BodyContext body)
    {
        string j = body.Names.Next("j");
        body.Scope.Declare(new Variable(j, ValueKind.Int));
        return j;
    }

    private bool While(SourceWriter w, BodyContext ctx)
    {
        string guard = Guard(w, ctx);
        w.Block($"while ({guard}++ < {Bound(ctx)} && {expressions.Condition(ctx)})", () => Block(w, ctx.InLoop(), BodySize(ctx)));
        return true;
    }

    private bool DoWhile(SourceWriter w, BodyContext ctx)
    {
        string guard = Guard(w, ctx);
        w.Open("do");
        Block(w, ctx.InLoop(), BodySize(ctx));
        w.Close($" while (++{guard} < {Bound(ctx)} && {expressions.Condition(ctx)});");
        return true;
    }

    /// <summary>The counter that bounds a while/do/goto loop: readable, never assigned by other statements.</summary>
    private static string Guard(SourceWriter w, BodyContext ctx)
    {
        string guard = ctx.Names.Next("g");
        w.Line($"int {guard} = 0;");
        ctx.Scope.Declare(new Variable(guard, ValueKind.Int) { Writable = false });
        return guard;
    }

    /// <summary>A loop closed by a backward goto, with forward gotos to its exit label.</summary>
    private bool GotoLoop(SourceWriter w, BodyContext ctx)
    {
        string head = ctx.Names.Next("L");
        string exit = head + "_exit";
        w.Open();
        string guard = Guard(w, ctx.Nested());
        w.Label(head);
        var body = ctx.Nested() with { LoopDepth = ctx.LoopDepth + 1, Labels = ctx.Labels.Add(exit) };
        body.Scope.Declare(new Variable(guard, ValueKind.Int) { Writable = false });
        Block(w, body, BodySize(ctx) + 1);
        w.Line($"if (++{guard} < {Bound(ctx)}) goto {head};");
        w.Close();
        w.Label(exit);
        return true;
    }

    /// <summary>A foreach over what is in scope; the collection it enumerates is not modified in its body (that would throw).</summary>
    private bool Foreach(SourceWriter w, BodyContext ctx)
    {
        var body = ctx.InLoop();
        string item = ctx.Names.Next("e");
        var sources = new List<(int, Func<(string Header, string? Frozen)>)>
        {
            (1, () =>
            {
                body.Scope.Declare(new Variable(item, ValueKind.Int) { Writable = false });
                return ($"int {item} in Enumerable.Range({expressions.Int(ctx, ExpressionGenerator.MaxDepth - 1)} & 7, {Bound(ctx)})", null);
            }),
        };
        foreach (var variable in ctx.Visible())
            AddForeachSource(sources, ctx, body, variable, item);
        if (!ctx.Isolated && Has(Feature.Iterators))
        {
            foreach (var iterator in model.Iterators.Where(it => ctx.LoopDepth + it.LoopDepth <= ExpressionGenerator.MaxLoopDepth))
            {
                sources.Add((2, () =>
                {
                    ctx.Reach(ctx.LoopDepth + iterator.LoopDepth);
                    body.Scope.Declare(new Variable(item, ValueKind.Int) { Writable = false });
                    return ($"int {item} in {iterator.Name}({Bound(ctx)}, {expressions.Int(ctx, ExpressionGenerator.MaxDepth - 1)})", null);
                }));
            }
        }
        var (header, frozen) = random.Weighted(sources)();
        if (frozen is not null)
            body = body with { Frozen = body.Frozen.Add(frozen) };
        w.Block($"foreach ({header})", () => Block(w, body, BodySize(ctx)));
        return true;
    }

    private void AddForeachSource(List<(int, Func<(string, string?)>)> sources, BodyContext ctx, BodyContext body, Variable variable, string item)
    {
        string name = variable.Name;
        void Element(ValueKind kind, Variable? template = null) =>
            body.Scope.Declare((template ?? new Variable(item, kind)) with { Name = item, Kind = kind, Writable = false, IsRef = false });
        switch (variable.Kind)
        {
            case ValueKind.IntArray:
                sources.Add((2, () => { Element(ValueKind.Int); return ($"int {item} in {name}", null); }));
                break;
            case ValueKind.List or ValueKind.Set when !ctx.Frozen.Contains(name):
                sources.Add((2, () => { Element(ValueKind.Int); return ($"int {item} in {name}", name); }));
                break;
            case ValueKind.Dictionary when !ctx.Frozen.Contains(name):
                sources.Add((1, () =>
                {
                    body.Scope.Declare(new Variable(item + ".Key", ValueKind.Int) { Writable = false });
                    body.Scope.Declare(new Variable(item + ".Value", ValueKind.Int) { Writable = false });
                    return ($"var {item} in {name}", name);
                }));
                break;
            case ValueKind.Text:
                // An int loop variable (each char converted): a char one is not an int to overload resolution (Math.Min(char, int) is ambiguous).
                sources.Add((1, () => { Element(ValueKind.Int); return ($"int {item} in {name}", null); }));
                break;
            case ValueKind.ObjectArray:
                sources.Add((1, () => { Element(ValueKind.Object, variable); return ($"var {item} in {name}", null); }));
                break;
            case ValueKind.StructArray:
                sources.Add((1, () => { Element(ValueKind.Struct, variable); return ($"var {item} in {name}", null); }));
                break;
            case ValueKind.Jagged:
                sources.Add((1, () =>
                {
                    body.Scope.Declare(new Variable(item, ValueKind.IntArray) { Writable = false, Length = variable.InnerLength });
                    return ($"int[] {item} in {name}", null);
                }));
                break;
            case ValueKind.Object when !ctx.Isolated && variable.Class!.SelfAndBases().FirstOrDefault(c => c.HasWalk) is { } walker:
                sources.Add((1, () => { Element(ValueKind.Int); return ($"int {item} in {name}.Walk{walker.Index}({Bound(ctx)})", null); }));
                break;
        }
    }

    private bool BreakOrContinue(SourceWriter w, BodyContext ctx)
    {
        w.Line($"if ({expressions.Condition(ctx)}) {random.Pick(["break", "continue"])};");
        return true;
    }

    private bool GotoExit(SourceWriter w, BodyContext ctx)
    {
        w.Line($"if ({expressions.Condition(ctx)}) goto {random.Pick(ctx.Labels)};");
        return true;
    }

    private bool EarlyReturn(SourceWriter w, BodyContext ctx)
    {
        string jump = ctx.Return switch
        {
            ReturnKind.Void => "return",
            ReturnKind.Int => $"return {expressions.Int(ctx)}",
            _ => "yield break",
        };
        w.Line($"if ({expressions.Condition(ctx)}) {jump};");
        return true;
    }

    private bool YieldReturn(SourceWriter w, BodyContext ctx)
    {
        w.Line($"yield return {expressions.Int(ctx)};");
        return true;
    }

    private bool Throw(SourceWriter w, BodyContext ctx)
    {
        if (!ctx.Isolated && random.Chance(0.2))
        {
            // Thrown several calls down, caught up here or further up.
            w.Line($"Sink(Deep({random.Next(1, 6)}, {expressions.Int(ctx)}));");
            return true;
        }
        w.Line($"if ({expressions.Condition(ctx)}) throw new FuzzException({expressions.Int(ctx)});");
        return true;
    }

    /// <summary>
    /// try/catch/finally in the forms C# compiles to nested handlers, some sharing their first
    /// instruction. Filters read only the exception: a filter's side effects, or its reading of
    /// state an inner finally changes, may run in another order woven (a documented limit).
    /// </summary>
    private bool Try(SourceWriter w, BodyContext ctx)
    {
        int form = random.Next(6);
        bool hasCatch = form != 3;
        var tryBody = ctx.Nested() with { InTry = hasCatch, CanYield = ctx.CanYield && !hasCatch };
        void TryBlock() => w.Block("try", () => Block(w, tryBody, BodySize(ctx) + 1));
        switch (form)
        {
            case 0:
                TryBlock();
                FuzzCatch(w, ctx, filtered: Has(Feature.Filters));
                if (random.Chance(0.5))
                    FuzzCatch(w, ctx, filtered: false);
                break;
            case 1:
                TryBlock();
                RuntimeCatch(w, ctx);
                FinallyBlock(w, ctx);
                break;
            case 2:
                // try { try { … } catch { … } } finally { … }: two handlers from one instruction.
                w.Open("try");
                TryBlock();
                FuzzCatch(w, ctx, filtered: Has(Feature.Filters) && random.Chance(0.5));
                w.Close();
                FinallyBlock(w, ctx);
                break;
            case 3:
                w.Block("try", () => Block(w, ctx.Nested(), BodySize(ctx) + 1));
                FinallyBlock(w, ctx);
                break;
            case 4:
                TryBlock();
                if (Has(Feature.Filters))
                    CatchBlock(w, ctx, "Exception", $"is FuzzException {{ Code: > {random.Next(-5, 20)} }}");
                CatchBlock(w, ctx, "Exception", null);
                break;
            default:
                TryBlock();
                RuntimeCatch(w, ctx);
                FuzzCatch(w, ctx, filtered: false);
                break;
        }
        return true;
    }

    private void FuzzCatch(SourceWriter w, BodyContext ctx, bool filtered)
    {
        string? filter = filtered
            ? random.Pick([$"Code % 3 == {random.Next(3)}", $"Code > {random.Next(-5, 30)}", $"Code is < 0 or > {random.Next(10, 40)}"])
            : null;
        CatchBlock(w, ctx, "FuzzException", filter is null ? null : "." + filter);
    }

    private void RuntimeCatch(SourceWriter w, BodyContext ctx) =>
        CatchBlock(w, ctx, random.Pick(RuntimeExceptions), null);

    /// <summary><paramref name="filter"/> continues <c>when (e…)</c>: a member access (".Code > 3") or a pattern ("is …").</summary>
    private void CatchBlock(SourceWriter w, BodyContext ctx, string type, string? filter)
    {
        string exception = ctx.Names.Next("ex");
        string when = filter is null ? "" : $" when ({exception}{(filter.StartsWith('.') ? filter : " " + filter)})";
        var body = ctx.Nested() with { CanYield = false };
        if (type == "FuzzException")
            body.Scope.Declare(new Variable(exception + ".Code", ValueKind.Int) { Writable = false });
        else
            body.Scope.Declare(new Variable($"{exception}.GetType().Name.Length", ValueKind.Int) { Writable = false });
        w.Block($"catch ({type} {exception}){when}", () =>
        {
            if (!Consume(w, body, type == "FuzzException" ? exception + ".Code" : $"Hash({exception}.GetType().Name)") || random.Chance(0.5))
                Block(w, body, BodySize(ctx));
        });
    }

    private void FinallyBlock(SourceWriter w, BodyContext ctx) =>
        w.Block("finally", () => Block(w, ctx.Finally(), BodySize(ctx)));

    private bool Switch(SourceWriter w, BodyContext ctx)
    {
        var objects = ctx.Visible().Where(v => v.Kind == ValueKind.Object && model.Classes.Any(d => d != v.Class && d.DerivesFrom(v.Class!))).ToList();
        if (objects.Count > 0 && random.Chance(0.3))
            return TypeSwitch(w, ctx, random.Pick(objects));
        w.Open($"switch ({expressions.Int(ctx)} {random.Pick(["& 7", "% 5"])})");
        var labels = Enumerable.Range(-4, 12).OrderBy(_ => random.Next()).Take(random.Next(1, 5)).ToList();
        foreach (int label in labels)
        {
            w.Line(random.Chance(0.2) ? $"case {label}: case {label + 20}:" : $"case {label}:");
            SwitchSection(w, ctx);
        }
        w.Line("default:");
        SwitchSection(w, ctx);
        w.Close();
        return true;
    }

    private bool TypeSwitch(SourceWriter w, BodyContext ctx, Variable variable)
    {
        // Most derived first (a case after its base's would be subsumed: an error).
        var cases = model.Classes.Where(d => d.DerivesFrom(variable.Class!)).OrderByDescending(d => d.SelfAndBases().Count()).ToList();
        w.Open($"switch ({variable.Name})");
        foreach (var c in cases)
        {
            string n = ctx.Names.Next("n");
            var section = ctx.Nested();
            section.Scope.Declare(new Variable(n, ValueKind.Object) { Class = c, Writable = false });
            w.Line(random.Chance(0.4) ? $"case {c.Name} {n} when {n}.{c.Plain} > {random.Next(-5, 20)}:" : $"case {c.Name} {n}:");
            SwitchSection(w, section);
        }
        w.Line("default:");
        SwitchSection(w, ctx);
        w.Close();
        return true;
    }

    private void SwitchSection(SourceWriter w, BodyContext ctx)
    {
        w.Open();
        Block(w, ctx.Nested(), BodySize(ctx));
        w.Line("break;");
        w.Close();
    }

    /// <summary>Checked arithmetic: an OverflowException caught here, or one that goes up.</summary>
    private bool Checked(SourceWriter w, BodyContext ctx)
    {
        if (Locations.Int(ctx, LocationUse.Write) is not { } target)
            return false;
        string value = $"checked({expressions.NonConstantInt(ctx, 1)} * {expressions.Int(ctx, 1)} + {expressions.Int(ctx, 1)})";
        if (random.Chance(0.3))
        {
            w.Block("checked", () => w.Line($"{target} {random.Pick(["+=", "*=", "-="])} {expressions.Int(ctx)};"));
            return true;
        }
        w.Block("try", () => w.Line($"{target} = {value};"));
        w.Block("catch (OverflowException)", () => w.Line($"{target} = {expressions.Small()};"));
        return true;
    }
}
