namespace Stm.Fuzz.Generation;

/// <summary>
/// Random int, long and bool expressions over what is in scope. Expressions that are constant
/// are wrapped in <c>unchecked(…)</c> (C# folds constants and rejects an overflow in them);
/// divisors and shift counts are masked so that only the exceptions the generator means happen.
/// </summary>
internal sealed class ExpressionGenerator
{
    public const int MaxDepth = 3;

    /// <summary>Loop nesting allowed in a program, callees included.</summary>
    public const int MaxLoopDepth = 3;

    private readonly Random _random;
    private readonly ProgramModel _model;

    public ExpressionGenerator(Random random, ProgramModel model)
    {
        _random = random;
        _model = model;
        Locations = new LocationGenerator(random, model, this);
    }

    public LocationGenerator Locations { get; }

    private FeatureSet Features => _model.Features;

    private readonly record struct Term(string Text, bool Constant);

    public string Int(BodyContext ctx, int depth = 0) => IntTerm(ctx, depth).Text;

    public string Long(BodyContext ctx, int depth = 0) => LongTerm(ctx, depth).Text;

    /// <summary>
    /// An int expression C# cannot fold: the first factor of a checked product must be one, since an
    /// overflow between constants is a compile error there (CS0220), not an OverflowException.
    /// </summary>
    public string NonConstantInt(BodyContext ctx, int depth = 0)
    {
        var term = IntTerm(ctx, depth);
        return term.Constant ? $"Idx({term.Text}, 64)" : term.Text;
    }

    public string Small() => _random.Next(0, 9).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Term IntTerm(BodyContext ctx, int depth)
    {
        if (depth >= MaxDepth || _random.Chance(0.2 + 0.2 * depth))
            return IntLeaf(ctx);
        int roll = _random.Next(100);
        if (roll < 45)
            return Binary(IntTerm(ctx, depth + 1), IntTerm(ctx, depth + 1));
        if (roll < 52)
        {
            var operand = IntTerm(ctx, depth + 1);
            return Wrap($"({(_random.Chance(0.5) ? "-" : "~")}{operand.Text})", operand.Constant);
        }
        if (roll < 60)
        {
            var whenTrue = IntTerm(ctx, depth + 1);
            var whenFalse = IntTerm(ctx, depth + 1);
            // Constant when its condition is too (C# folds it): wrapping a non-constant one is harmless.
            return Wrap($"({Condition(ctx, depth + 1)} ? {whenTrue.Text} : {whenFalse.Text})", whenTrue.Constant && whenFalse.Constant);
        }
        if (roll < 65 && Features.Has(Feature.Switches))
            return new Term(SwitchExpression(ctx, depth), false);
        if (roll < 69)
        {
            var wide = LongTerm(ctx, depth + 1);
            return Wrap($"(int)({wide.Text})", wide.Constant);
        }
        if (roll < 95 && !ctx.Pure && Call(ctx, depth) is { } call)
            return new Term(call, false);
        return IntLeaf(ctx);
    }

    private Term IntLeaf(BodyContext ctx)
    {
        if (_random.Chance(0.7) && Locations.Int(ctx, LocationUse.Read) is { } location)
            return new Term(location, false);
        return Literal();
    }

    private Term Literal()
    {
        if (_random.Chance(0.05))
            return new Term(_random.Pick(["int.MaxValue", "int.MinValue", "(-1)", "65535", "0x40000000"]), true);
        int value = _random.Next(-8, 64);
        return new Term(value < 0 ? $"({value})" : value.ToString(System.Globalization.CultureInfo.InvariantCulture), true);
    }

    private Term Binary(Term a, Term b)
    {
        string op = _random.Pick(["+", "+", "-", "*", "^", "&", "|", "<<", ">>", "/", "%"]);
        string text = op switch
        {
            "/" or "%" => $"({a.Text} {op} (({b.Text} & 15) | 1))",
            "<<" or ">>" => $"({a.Text} {op} ({b.Text} & 7))",
            _ => $"({a.Text} {op} {b.Text})",
        };
        return Wrap(text, a.Constant && b.Constant);
    }

    private static Term Wrap(string text, bool constant) => constant ? new Term($"unchecked({text})", true) : new Term(text, false);

    private Term LongTerm(BodyContext ctx, int depth)
    {
        if (depth >= MaxDepth || _random.Chance(0.3 + 0.2 * depth))
        {
            if (_random.Chance(0.6) && Locations.Long(ctx, LocationUse.Read) is { } location)
                return new Term(location, false);
            var narrow = IntTerm(ctx, depth + 1);
            return Wrap($"((long){narrow.Text} * {_random.Next(1, 100_000)}L)", narrow.Constant);
        }
        var a = LongTerm(ctx, depth + 1);
        var b = LongTerm(ctx, depth + 1);
        string op = _random.Pick(["+", "-", "^", "*", "|"]);
        return Wrap($"({a.Text} {op} {b.Text})", a.Constant && b.Constant);
    }

    public string Condition(BodyContext ctx, int depth = 0)
    {
        int next = Math.Max(depth + 1, MaxDepth - 1);
        var options = new List<(int, Func<string>)>
        {
            (4, () => $"({Int(ctx, next)} {_random.Pick(["<", "<=", ">", ">=", "==", "!="])} {Int(ctx, next)})"),
            (3, () => $"(({Int(ctx, next)} & {_random.Pick(["1", "3", "7"])}) == {_random.Next(2)})"),
        };
        if (depth < MaxDepth - 1)
        {
            options.Add((1, () => $"!{Condition(ctx, depth + 1)}"));
            options.Add((1, () => $"({Condition(ctx, depth + 1)} {_random.Pick(["&&", "||"])} {Condition(ctx, depth + 1)})"));
        }
        foreach (var variable in ctx.Visible())
        {
            switch (variable.Kind)
            {
                case ValueKind.Bool:
                    options.Add((1, () => variable.Name));
                    break;
                case ValueKind.Object:
                    var c = variable.Class!;
                    options.Add((1, () => $"({variable.Name}.{c.Next} != null)"));
                    var derived = _model.Classes.Where(d => d != c && d.DerivesFrom(c)).ToList();
                    if (derived.Count > 0)
                        options.Add((1, () => $"({variable.Name} is {_random.Pick(derived).Name})"));
                    break;
                case ValueKind.Set when !ctx.Pure:
                    options.Add((1, () => $"{variable.Name}.Contains({Int(ctx, next)})"));
                    break;
                case ValueKind.Dictionary when !ctx.Pure:
                    options.Add((1, () => $"{variable.Name}.ContainsKey({Int(ctx, next)} & 15)"));
                    break;
            }
        }
        return _random.Weighted(options)();
    }

    /// <summary><c>(e) switch { 0 => …, 1 or 2 => …, &gt; 40 => …, _ => … }</c>, or a type switch on an object.</summary>
    private string SwitchExpression(BodyContext ctx, int depth)
    {
        var objects = ctx.Visible().Where(v => v.Kind == ValueKind.Object && _model.Classes.Any(d => d != v.Class && d.DerivesFrom(v.Class!))).ToList();
        if (objects.Count > 0 && _random.Chance(0.4))
        {
            var variable = _random.Pick(objects);
            // Most derived first: a case after a case of its base would be unreachable (an error).
            var cases = _model.Classes.Where(d => d.DerivesFrom(variable.Class!)).OrderByDescending(d => d.SelfAndBases().Count()).ToList();
            var arms = cases.Select(c =>
            {
                string n = ctx.Names.Next("n");
                var armScope = ctx.Nested();
                armScope.Scope.Declare(new Variable(n, ValueKind.Object) { Class = c, Writable = false });
                return $"{c.Name} {n} => {Int(armScope, MaxDepth - 1)}";
            });
            return $"({variable.Name} switch {{ {string.Join(", ", arms)}, _ => {Int(ctx, MaxDepth - 1)} }})";
        }
        string value = Int(ctx, depth + 1);
        string Arm() => Int(ctx, Math.Max(depth + 1, MaxDepth - 1));
        return $"(({value}) switch {{ 0 => {Arm()}, 1 or 2 => {Arm()}, > 40 and < 50 => {Arm()}, < 0 => {Arm()}, _ => {Arm()} }})";
    }

    /// <summary>A call whose result is an int, or null when none fits here.</summary>
    private string? Call(BodyContext ctx, int depth)
    {
        int next = Math.Max(depth + 1, MaxDepth - 1);
        string Arg() => Int(ctx, next);
        var options = new List<(int, Func<string?>)>
        {
            (2, () => $"Math.{_random.Pick(["Max", "Min"])}({Arg()}, {Arg()})"),
            (1, () => $"Math.Abs({Arg()} % 1000)"),
            (1, () => $"Math.Clamp({Arg()}, -50, 50)"),
        };
        var visible = ctx.Visible().ToList();
        if (!ctx.Isolated)
            AddSharedCalls(options, ctx, visible, Arg);
        foreach (var variable in visible)
            AddCallsOn(options, ctx, variable, Arg);
        return _random.Weighted(options)();
    }

    /// <summary>Calls that may touch shared state: helpers, virtual methods, iterators, generics.</summary>
    private void AddSharedCalls(List<(int, Func<string?>)> options, BodyContext ctx, List<Variable> visible, Func<string> arg)
    {
        foreach (var helper in _model.Helpers.Where(h => ctx.LoopDepth + h.LoopDepth <= MaxLoopDepth))
        {
            string? target = helper.ObjectParameter is null ? null : ObjectOf(visible, helper.ObjectParameter);
            if (helper.ObjectParameter is not null && target is null)
                continue;
            options.Add((3, () =>
            {
                ctx.Reach(ctx.LoopDepth + helper.LoopDepth);
                return target is null ? $"{helper.Name}({arg()}, {arg()})" : $"{helper.Name}({arg()}, {arg()}, {target})";
            }));
        }
        options.Add((1, () => $"Recurse({_random.Next(0, 8)}, {arg()})"));
        if (Features.Has(Feature.Strings))
            options.Add((1, () => $"Hash(({arg()}).ToString())"));
        foreach (var iterator in _model.Iterators.Where(i => ctx.LoopDepth + i.LoopDepth <= MaxLoopDepth))
        {
            string Call()
            {
                ctx.Reach(ctx.LoopDepth + iterator.LoopDepth);
                return $"{iterator.Name}({_random.Next(0, 9)}, {arg()})";
            }
            if (Features.Has(Feature.Linq))
                options.Add((1, () => $"{Call()}.{_random.Pick(["Count()", "Sum()", "LastOrDefault()"])}"));
            if (Features.Has(Feature.Constrained))
                options.Add((1, () => $"SumAll({Call()})"));
        }
        if (Features.Has(Feature.Generics))
            options.Add((1, () => $"Describe({_random.Pick(Describable(visible, arg))}).Length"));
        foreach (var variable in visible.Where(v => v.Kind == ValueKind.Object && !ctx.InClassMethod))
        {
            options.Add((2, () => $"{variable.Name}.M({arg()})"));
            if (variable.Class!.SelfAndBases().FirstOrDefault(c => c.HasWalk) is { } walker && Features.Has(Feature.Linq) && ctx.LoopDepth + 1 <= MaxLoopDepth)
                options.Add((1, () =>
                {
                    ctx.Reach(ctx.LoopDepth + 1);
                    return $"{variable.Name}.Walk{walker.Index}({_random.Next(0, 6)}).Sum()";
                }));
        }
        foreach (var variable in visible.Where(v => v.Kind is ValueKind.Object or ValueKind.Struct && (v.Class?.ImplementsShape ?? true)))
        {
            if (Features.Has(Feature.Constrained))
                options.Add((2, () => $"Measure({variable.Name}, {arg()})"));
        }
        foreach (var variable in visible.Where(v => v.Kind is ValueKind.IntArray or ValueKind.List && Features.Has(Feature.Constrained)))
            options.Add((1, () => $"SumAll({variable.Name})"));
    }

    /// <summary>Calls on a variable's value: closures, interface methods, collection queries, LINQ.</summary>
    private void AddCallsOn(List<(int, Func<string?>)> options, BodyContext ctx, Variable variable, Func<string> arg)
    {
        string name = variable.Name;
        switch (variable.Kind)
        {
            case ValueKind.IntFunction:
                options.Add((3, () => $"{name}({arg()})"));
                break;
            case ValueKind.Object when variable.Class!.ImplementsShape:
                options.Add((1, () => $"{name}.Area({arg()})"));
                options.Add((1, () => $"((IShape){name}).Area({arg()})"));
                break;
            case ValueKind.Struct:
                options.Add((1, () => $"{name}.Area({arg()})"));
                break;
            case ValueKind.Cell when variable.Struct is null:
                options.Add((1, () => $"{name}.Get()"));
                break;
            case ValueKind.List:
                options.Add((1, () => $"{name}.IndexOf({arg()})"));
                if (Features.Has(Feature.Linq))
                {
                    string x = ctx.Names.Next("x");
                    var lambda = ctx.Lambda(ReturnKind.Int);
                    lambda.Scope.Declare(new Variable(x, ValueKind.Int) { Writable = false });
                    options.Add((2, () => $"{name}.Where({x} => {Condition(lambda, MaxDepth - 1)}).Count()"));
                    options.Add((1, () => $"(int){name}.Sum({x} => (long){Int(lambda, MaxDepth - 1)})"));
                    options.Add((1, () => $"{name}.Select({x} => {Int(lambda, MaxDepth - 1)}).DefaultIfEmpty({arg()}).Max()"));
                }
                break;
            case ValueKind.IntArray when Features.Has(Feature.Linq):
                string item = ctx.Names.Next("x"), sum = ctx.Names.Next("acc");
                options.Add((1, () => $"{name}.{_random.Pick(["Max()", "Min()", $"Count({item} => {item} > 0)", $"Aggregate(0, ({sum}, {item}) => unchecked({sum} * 3 + {item}))"])}"));
                break;
            case ValueKind.Dictionary:
                options.Add((1, () => $"{name}.GetValueOrDefault({arg()} & 15)"));
                string key = ctx.Names.Next("key");
                if (Features.Has(Feature.Linq))
                    options.Add((1, () => $"{name}.Keys.OrderBy({key} => {key}).FirstOrDefault()"));
                break;
            case ValueKind.Set:
                options.Add((1, () => $"({name}.Contains({arg()}) ? 1 : 0)"));
                break;
            case ValueKind.Text:
                options.Add((1, () => $"{name}.IndexOf('{_random.Pick(["1", "-", "a", ":"])}')"));
                options.Add((1, () => $"Hash({name})"));
                break;
            case ValueKind.Builder:
                options.Add((1, () => $"Hash({name}.ToString())"));
                break;
        }
    }

    private static string? ObjectOf(List<Variable> visible, ClassModel parameter)
    {
        var candidates = visible.Where(v => v.Kind == ValueKind.Object && v.Class!.DerivesFrom(parameter)).ToList();
        return candidates.Count == 0 ? null : candidates[0].Name;
    }

    private List<string> Describable(List<Variable> visible, Func<string> arg)
    {
        var values = visible.Where(v => v.Kind is ValueKind.Object or ValueKind.Struct or ValueKind.Text).Select(v => v.Name).ToList();
        values.Add(arg());
        return values;
    }
}
