namespace Stm.Fuzz.Generation;

/// <summary>Statements about data: declarations of every kind, objects, structs, refs, closures, strings, collections, locks, interlocked, generics.</summary>
internal sealed partial class StatementGenerator
{
    private bool DeclareData(SourceWriter w, BodyContext ctx)
    {
        var options = new List<(int, Func<bool>)>();
        if (Has(Feature.Classes) && model.Classes.Count > 0 && !ctx.Isolated)
            options.Add((4, () => DeclareObject(w, ctx)));
        if (Has(Feature.Arrays))
        {
            options.Add((3, () => DeclareIntArray(w, ctx)));
            options.Add((1, () => DeclareJagged(w, ctx)));
            options.Add((1, () => DeclareGrid(w, ctx)));
        }
        if (Has(Feature.Structs) && model.Structs.Count > 0)
        {
            options.Add((2, () => DeclareStruct(w, ctx)));
            if (Has(Feature.Arrays))
                options.Add((1, () => DeclareStructArray(w, ctx)));
        }
        if (Has(Feature.Classes) && Has(Feature.Arrays) && model.Classes.Count > 0 && !ctx.Isolated)
            options.Add((1, () => DeclareObjectArray(w, ctx)));
        if (Has(Feature.Collections))
            options.Add((3, () => DeclareCollection(w, ctx)));
        if (Has(Feature.Strings))
            options.Add((2, () => DeclareText(w, ctx)));
        if (Has(Feature.Generics))
            options.Add((1, () => DeclareCell(w, ctx)));
        return options.Count > 0 && random.Weighted(options)();
    }

    public bool DeclareObject(SourceWriter w, BodyContext ctx)
    {
        var staticClass = random.Pick(model.Classes);
        var runtimeClass = random.Pick(model.Classes.Where(c => c.DerivesFrom(staticClass)).ToList());
        string name = ctx.Names.Next("o");
        w.Line($"{staticClass.Name} {name} = new {runtimeClass.Name}({expressions.Int(ctx)});");
        if (random.Chance(0.3))
            w.Line($"{name}.{staticClass.Next} = new {staticClass.Name}({expressions.Small()});");
        ctx.Scope.Declare(new Variable(name, ValueKind.Object) { Class = staticClass });
        return true;
    }

    public bool DeclareIntArray(SourceWriter w, BodyContext ctx)
    {
        string name = ctx.Names.Next("a");
        int length = random.Next(1, 9);
        string initializer = random.Chance(0.5)
            ? $"new int[{length}]"
            : "{ " + string.Join(", ", Enumerable.Range(0, length).Select(_ => expressions.Int(ctx, ExpressionGenerator.MaxDepth - 1))) + " }";
        w.Line($"int[] {name} = {initializer};");
        ctx.Scope.Declare(new Variable(name, ValueKind.IntArray) { Length = length });
        return true;
    }

    private bool DeclareJagged(SourceWriter w, BodyContext ctx)
    {
        string name = ctx.Names.Next("j");
        var lengths = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(1, 6)).ToList();
        w.Line($"int[][] {name} = {{ {string.Join(", ", lengths.Select(l => $"new int[{l}]"))} }};");
        ctx.Scope.Declare(new Variable(name, ValueKind.Jagged) { Length = lengths.Count, InnerLength = lengths.Min() });
        return true;
    }

    private bool DeclareGrid(SourceWriter w, BodyContext ctx)
    {
        string name = ctx.Names.Next("g");
        int rows = random.Next(1, 4), columns = random.Next(1, 5);
        w.Line($"int[,] {name} = new int[{rows}, {columns}];");
        ctx.Scope.Declare(new Variable(name, ValueKind.Grid) { Length = rows, InnerLength = columns });
        return true;
    }

    private bool DeclareStruct(SourceWriter w, BodyContext ctx)
    {
        var type = random.Pick(model.Structs);
        string name = ctx.Names.Next("p");
        w.Line($"{type.Name} {name} = new {type.Name}({expressions.Int(ctx)}, {expressions.Int(ctx)});");
        ctx.Scope.Declare(new Variable(name, ValueKind.Struct) { Struct = type });
        return true;
    }

    private bool DeclareStructArray(SourceWriter w, BodyContext ctx)
    {
        var type = random.Pick(model.Structs);
        string name = ctx.Names.Next("ps");
        int length = random.Next(1, 6);
        w.Line($"{type.Name}[] {name} = new {type.Name}[{length}];");
        ctx.Scope.Declare(new Variable(name, ValueKind.StructArray) { Struct = type, Length = length });
        return true;
    }

    private bool DeclareObjectArray(SourceWriter w, BodyContext ctx)
    {
        var staticClass = random.Pick(model.Classes);
        var derived = model.Classes.Where(c => c.DerivesFrom(staticClass)).ToList();
        // Sometimes covariant: storing a base-class object into it throws ArrayTypeMismatchException.
        var arrayClass = random.Chance(0.2) ? random.Pick(derived) : staticClass;
        var elementClasses = derived.Where(c => c.DerivesFrom(arrayClass)).ToList();
        string name = ctx.Names.Next("ns");
        int length = random.Next(1, 4);
        var elements = Enumerable.Range(0, length).Select(_ => $"new {random.Pick(elementClasses).Name}({expressions.Int(ctx, ExpressionGenerator.MaxDepth - 1)})");
        w.Line($"{staticClass.Name}[] {name} = new {arrayClass.Name}[] {{ {string.Join(", ", elements)} }};");
        ctx.Scope.Declare(new Variable(name, ValueKind.ObjectArray) { Class = staticClass, Length = length });
        return true;
    }

    private bool DeclareCollection(SourceWriter w, BodyContext ctx)
    {
        string Item() => expressions.Int(ctx, ExpressionGenerator.MaxDepth - 1);
        switch (random.Next(5))
        {
            case 0:
            case 1:
                string list = ctx.Names.Next("l");
                w.Line($"var {list} = new List<int> {{ {Item()}, {Item()} }};");
                ctx.Scope.Declare(new Variable(list, ValueKind.List));
                break;
            case 2:
                string dictionary = ctx.Names.Next("d");
                w.Line($"var {dictionary} = new Dictionary<int, int> {{ [{random.Next(16)}] = {Item()} }};");
                ctx.Scope.Declare(new Variable(dictionary, ValueKind.Dictionary));
                break;
            case 3:
                string set = ctx.Names.Next("h");
                w.Line($"var {set} = new HashSet<int> {{ {Item()} }};");
                ctx.Scope.Declare(new Variable(set, ValueKind.Set));
                break;
            default:
                string queue = ctx.Names.Next("q");
                w.Line($"var {queue} = new Queue<int>();");
                w.Line($"{queue}.Enqueue({Item()});");
                ctx.Scope.Declare(new Variable(queue, ValueKind.Queue));
                break;
        }
        return true;
    }

    private bool DeclareText(SourceWriter w, BodyContext ctx)
    {
        if (random.Chance(0.4))
        {
            string builder = ctx.Names.Next("sb");
            w.Line($"var {builder} = new StringBuilder(\"{random.Pick(["", "a", "x-"])}\");");
            ctx.Scope.Declare(new Variable(builder, ValueKind.Builder));
            return true;
        }
        string text = ctx.Names.Next("s");
        w.Line($"string {text} = $\"{random.Pick(["s", "a:", "1-"])}{{{expressions.Int(ctx, 1)}}}\";");
        ctx.Scope.Declare(new Variable(text, ValueKind.Text));
        return true;
    }

    private bool DeclareCell(SourceWriter w, BodyContext ctx)
    {
        string name = ctx.Names.Next("c");
        if (Has(Feature.Structs) && model.Structs.Count > 0 && random.Chance(0.4))
        {
            var type = random.Pick(model.Structs);
            w.Line($"var {name} = new Cell<{type.Name}>(new {type.Name}({expressions.Int(ctx)}, {expressions.Small()}));");
            ctx.Scope.Declare(new Variable(name, ValueKind.Cell) { Struct = type });
            return true;
        }
        w.Line($"var {name} = new Cell<int>({expressions.Int(ctx)});");
        ctx.Scope.Declare(new Variable(name, ValueKind.Cell));
        return true;
    }

    private bool RefStatement(SourceWriter w, BodyContext ctx)
    {
        switch (random.Next(6))
        {
            case 0:
            case 1:
                return RefBlock(w, ctx);
            case 2:
                if (Locations.Int(ctx, LocationUse.Ref) is not { } target)
                    return false;
                w.Line($"AddTo(ref {target}, {expressions.Int(ctx)});");
                return true;
            case 3:
                string half = ctx.Names.Next("half");
                w.Open($"if (TryHalf({expressions.Int(ctx)}, out int {half}))");
                ctx.Scope.Declare(new Variable(half, ValueKind.Int));
                Consume(w, ctx, half);
                w.Close();
                return true;
            case 4:
                var array = PickVariable(ctx, v => v.Kind == ValueKind.IntArray);
                string? arrayName = array?.Name ?? (ctx.Isolated || !Has(Feature.Statics) || !Has(Feature.Arrays) ? null : ProgramModel.StaticArray);
                if (arrayName is null)
                    return false;
                w.Line($"Pick({arrayName}, {expressions.Int(ctx)}) {random.Pick(["+=", "^=", "="])} {expressions.Int(ctx)};");
                return true;
            default:
                return StructRefBlock(w, ctx);
        }
    }

    /// <summary>
    /// <c>{ ref int r = ref location; … }</c> with only straight-line code using r: writes through a
    /// ref that outlive a commit point are a documented limit, so no loop or call follows it.
    /// </summary>
    private bool RefBlock(SourceWriter w, BodyContext ctx)
    {
        if (ctx.Return == ReturnKind.Yield || Locations.Int(ctx, LocationUse.Ref) is not { } target)
            return false;
        var block = ctx.Nested() with { Pure = true };
        string name = ctx.Names.Next("r");
        w.Open();
        w.Line($"ref int {name} = ref {target};");
        block.Scope.Declare(new Variable(name, ValueKind.Int) { IsRef = true });
        w.Line($"{name} {random.Pick(["+=", "^=", "="])} {expressions.Int(block)};");
        Block(w, block, random.Next(0, 3));
        w.Close();
        return true;
    }

    private bool StructRefBlock(SourceWriter w, BodyContext ctx)
    {
        if (ctx.Return == ReturnKind.Yield || StructLocation(ctx) is not var (target, type))
            return false;
        var block = ctx.Nested() with { Pure = true };
        string name = ctx.Names.Next("rp");
        w.Open();
        w.Line($"ref {type.Name} {name} = ref {target};");
        block.Scope.Declare(new Variable(name, ValueKind.Struct) { IsRef = true, Struct = type });
        w.Line($"{name}.A += {expressions.Int(block)};");
        Block(w, block, random.Next(0, 3));
        w.Close();
        return true;
    }

    /// <summary>A writable struct location and its type.</summary>
    private (string Text, StructModel Type)? StructLocation(BodyContext ctx)
    {
        var options = new List<(int, Func<(string, StructModel)>)>();
        foreach (var variable in ctx.Visible())
        {
            switch (variable.Kind)
            {
                case ValueKind.Struct when variable.Writable:
                    options.Add((3, () => (variable.Name, variable.Struct!)));
                    break;
                case ValueKind.StructArray:
                    options.Add((2, () => ($"{variable.Name}[{Locations.Index(ctx, variable.Length)}]", variable.Struct!)));
                    break;
                case ValueKind.Cell when variable.Struct is not null:
                    options.Add((1, () => ($"{variable.Name}.Value", variable.Struct)));
                    break;
                case ValueKind.Object:
                    foreach (var c in variable.Class!.SelfAndBases().Where(c => c.StructField is not null))
                        options.Add((2, () => ($"{variable.Name}.{c.StructFieldName}", c.StructField!)));
                    break;
            }
        }
        if (!ctx.Isolated && Has(Feature.Statics) && model.Structs.Count > 0)
            options.Add((1, () => (ProgramModel.StaticPair, model.Structs[0])));
        return options.Count == 0 ? null : random.Weighted(options)();
    }

    private bool StructStatement(SourceWriter w, BodyContext ctx)
    {
        if (StructLocation(ctx) is not var (target, type))
            return false;
        switch (random.Next(5))
        {
            case 0:
                w.Line($"{target}.Bump({expressions.Int(ctx)});");
                return true;
            case 1 when Has(Feature.Constrained):
                w.Line($"BumpRef(ref {target}, {expressions.Int(ctx)});");
                return true;
            case 2 when Has(Feature.Constrained) && PickVariable(ctx, v => v.Kind == ValueKind.StructArray) is { } array:
                return Consume(w, ctx, $"BumpAll({array.Name}, {expressions.Int(ctx)})");
            case 3:
                // A copy: changing it leaves the original alone.
                string copy = ctx.Names.Next("copy");
                w.Line($"var {copy} = {target};");
                w.Line($"{copy}.A += {expressions.Int(ctx)};");
                ctx.Scope.Declare(new Variable(copy, ValueKind.Struct) { Struct = type });
                return Consume(w, ctx, $"{copy}.A - {target}.A");
            default:
                w.Line($"{target} = new {type.Name}({expressions.Int(ctx)}, {expressions.Int(ctx)});");
                return true;
        }
    }

    private bool ObjectStatement(SourceWriter w, BodyContext ctx)
    {
        if (ctx.Isolated || PickVariable(ctx, v => v.Kind is ValueKind.Object or ValueKind.ObjectArray) is not { } variable)
            return false;
        if (variable.Kind == ValueKind.ObjectArray)
        {
            var element = random.Pick(model.Classes.Where(c => c.DerivesFrom(variable.Class!)).ToList());
            w.Line($"{variable.Name}[{Locations.Index(ctx, variable.Length)}] = new {element.Name}({expressions.Int(ctx)});");
            return true;
        }
        var owner = random.Pick(variable.Class!.SelfAndBases().ToList());
        var linked = model.Classes.Where(c => c.DerivesFrom(owner)).ToList();
        switch (random.Next(5))
        {
            case 0:
                w.Line($"{variable.Name}.{owner.Next} = new {random.Pick(linked).Name}({expressions.Int(ctx)});");
                return true;
            case 1 when PickVariable(ctx, v => v.Kind == ValueKind.Object && v.Class!.DerivesFrom(owner)) is { } other:
                w.Line($"{variable.Name}.{owner.Next} = {other.Name};");
                return true;
            case 2 when variable.Writable && variable.Name != "this":
                w.Line($"{variable.Name} = new {random.Pick(model.Classes.Where(c => c.DerivesFrom(variable.Class!)).ToList()).Name}({expressions.Int(ctx)});");
                return true;
            case 3 when ctx.Depth < MaxStatementDepth:
                var pattern = random.Pick(linked);
                string n = ctx.Names.Next("n");
                var body = ctx.Nested();
                body.Scope.Declare(new Variable(n, ValueKind.Object) { Class = pattern, Writable = false });
                w.Block($"if ({variable.Name}.{owner.Next} is {pattern.Name} {{ {pattern.Plain}: > {random.Next(-5, 10)} }} {n})", () => Block(w, body, BodySize(ctx)));
                return true;
            case 4 when owner.HasItems && Has(Feature.Collections):
                w.Line($"{variable.Name}.{owner.Items}.Add({expressions.Int(ctx)});");
                return true;
            default:
                return false;
        }
    }

    /// <summary>A lambda capturing locals (Func or Action), declared for later statements to call.</summary>
    private bool Closure(SourceWriter w, BodyContext ctx)
    {
        var lambda = ctx.Lambda(ReturnKind.Int) with { LoopDepth = ExpressionGenerator.MaxLoopDepth };
        if (random.Chance(0.3))
        {
            string action = ctx.Names.Next("act");
            w.Open($"Action {action} = () =>");
            Block(w, lambda with { Return = ReturnKind.Void }, random.Next(1, 4));
            w.Close(";");
            ctx.Scope.Declare(new Variable(action, ValueKind.Action));
            return true;
        }
        string function = ctx.Names.Next("f");
        string parameter = ctx.Names.Next("x");
        lambda.Scope.Declare(new Variable(parameter, ValueKind.Int));
        if (random.Chance(0.5))
        {
            w.Line($"Func<int, int> {function} = {parameter} => {expressions.Int(lambda)};");
        }
        else
        {
            w.Open($"Func<int, int> {function} = {parameter} =>");
            Block(w, lambda, random.Next(1, 4));
            w.Line($"return {expressions.Int(lambda)};");
            w.Close(";");
        }
        ctx.Scope.Declare(new Variable(function, ValueKind.IntFunction));
        return true;
    }

    /// <summary>A local function: capturing, or static (it sees only its parameter and the statics).</summary>
    private bool LocalFunction(SourceWriter w, BodyContext ctx)
    {
        string function = ctx.Names.Next("Local");
        string parameter = ctx.Names.Next("q");
        bool isStatic = random.Chance(0.3);
        var body = ctx.Lambda(ReturnKind.Int) with { LoopDepth = ExpressionGenerator.MaxLoopDepth };
        if (isStatic)
            body = body with { Scope = new Scope(null) };
        body.Scope.Declare(new Variable(parameter, ValueKind.Int));
        w.Open($"{(isStatic ? "static " : "")}int {function}(int {parameter})");
        Block(w, body, random.Next(0, 3));
        w.Line($"return {expressions.Int(body)};");
        w.Close();
        ctx.Scope.Declare(new Variable(function, ValueKind.IntFunction));
        return true;
    }

    private bool InvokeAction(SourceWriter w, BodyContext ctx)
    {
        if (PickVariable(ctx, v => v.Kind == ValueKind.Action) is not { } action)
            return false;
        w.Line($"{action.Name}();");
        return true;
    }

    private bool StringStatement(SourceWriter w, BodyContext ctx)
    {
        var text = PickVariable(ctx, v => v.Kind == ValueKind.Text && v.Writable);
        var builder = PickVariable(ctx, v => v.Kind == ValueKind.Builder);
        if (text is null && builder is null)
            return DeclareText(w, ctx);
        if (builder is not null && (text is null || random.Chance(0.4)))
        {
            string b = builder.Name;
            w.Line($"if ({b}.Length > 60) {b}.Clear(); else {b}.Append({expressions.Int(ctx)}).Append('{random.Pick([",", ";", "x"])}');");
            return true;
        }
        string s = text!.Name;
        var joinable = PickVariable(ctx, v => v.Kind is ValueKind.List or ValueKind.IntArray or ValueKind.Set);
        w.Line(random.Next(4) switch
        {
            0 when joinable is not null => $"{s} = string.Join(\",\", {joinable.Name});",
            1 => $"{s} = {s}.Replace('1', '7').ToUpperInvariant();",
            2 => $"{s} = string.Concat({s}.Length > 20 ? {s}.Substring({random.Next(0, 6)}, 8) : {s}, \"/\", ({expressions.Int(ctx)}).ToString());",
            _ => $"{s} = {s}.Length > 40 ? {s}.Substring({random.Next(0, 10)}, 8) : $\"{{{expressions.Int(ctx, 1)}}}:{{{s}}}\";",
        });
        return true;
    }

    private bool CollectionStatement(SourceWriter w, BodyContext ctx)
    {
        var collection = PickVariable(ctx, v => v.Kind is ValueKind.List or ValueKind.Dictionary or ValueKind.Set or ValueKind.Queue && !ctx.Frozen.Contains(v.Name));
        if (collection is null)
            return DeclareCollection(w, ctx);
        string c = collection.Name;
        string Item() => expressions.Int(ctx);
        switch (collection.Kind)
        {
            case ValueKind.List:
                string x = ctx.Names.Next("x");
                w.Line(random.Next(8) switch
                {
                    0 or 1 => $"{c}.Add({Item()});",
                    2 => $"if ({c}.Count > 0) {c}.RemoveAt(Idx({Item()}, {c}.Count));",
                    3 => $"if ({c}.Count > 0) {c}[Idx({Item()}, {c}.Count)] = {Item()};",
                    4 => $"{c}.{random.Pick(["Sort()", "Reverse()"])};",
                    5 => $"{c}.Insert(0, {Item()});",
                    6 when Has(Feature.Linq) => $"{c} = {c}.Where({x} => {x} % 3 != 0).Select({x} => {x} + 1).ToList();",
                    _ => $"{c}.RemoveAll({x} => {x} > {Item()});",
                });
                return true;
            case ValueKind.Dictionary:
                switch (random.Next(4))
                {
                    case 0:
                        w.Line($"{c}[{Item()} & 15] = {Item()};");
                        return true;
                    case 1:
                        w.Line($"{c}.Remove({Item()} & 15);");
                        return true;
                    case 2:
                        string key = Declare(w, ctx, ValueKind.Int, "int", $"{Item()} & 15", "k");
                        w.Line($"{c}[{key}] = {c}.GetValueOrDefault({key}) + {Item()};");
                        return true;
                    default:
                        string value = ctx.Names.Next("dv");
                        w.Open($"if ({c}.TryGetValue({Item()} & 15, out int {value}))");
                        ctx.Scope.Declare(new Variable(value, ValueKind.Int));
                        Consume(w, ctx, value);
                        w.Close();
                        return true;
                }
            case ValueKind.Set:
                w.Line($"{c}.{random.Pick(["Add", "Add", "Remove"])}({Item()} & 31);");
                return true;
            default:
                if (random.Chance(0.5))
                {
                    w.Line($"{c}.Enqueue({Item()});");
                    return true;
                }
                if (Locations.Int(ctx, LocationUse.Write) is not { } target)
                    return false;
                w.Line($"if ({c}.Count > 1) {target} += {c}.Dequeue();");
                return true;
        }
    }

    private bool Lock(SourceWriter w, BodyContext ctx)
    {
        var body = ctx.Nested() with { CanYield = false };
        var owned = PickVariable(ctx, v => v.Kind == ValueKind.Object);
        string gate = owned is not null && random.Chance(0.4) ? owned.Name : "s_gate";
        switch (random.Next(5))
        {
            case 0 when ctx.Return != ReturnKind.Yield:
                w.Block("lock (s_lock)", () => Block(w, body, BodySize(ctx)));
                return true;
            case 1:
                w.Line($"Monitor.Enter({gate});");
                w.Block("try", () => Block(w, body, BodySize(ctx)));
                w.Block("finally", () => w.Line($"Monitor.Exit({gate});"));
                return true;
            case 2:
                string taken = Declare(w, ctx, ValueKind.Bool, "bool", "false", "taken");
                w.Open("try");
                w.Line($"Monitor.Enter({gate}, ref {taken});");
                Block(w, body, BodySize(ctx));
                w.Close();
                w.Block("finally", () => w.Line($"if ({taken}) Monitor.Exit({gate});"));
                return true;
            default:
                w.Block($"lock ({gate})", () => Block(w, body, BodySize(ctx)));
                return true;
        }
    }

    private bool InterlockedStatement(SourceWriter w, BodyContext ctx)
    {
        if (random.Chance(0.15) && Locations.Long(ctx, LocationUse.Ref) is { } wide)
        {
            w.Line($"Interlocked.Add(ref {wide}, {expressions.Long(ctx)});");
            return true;
        }
        if (Locations.Int(ctx, LocationUse.Ref) is not { } target)
            return false;
        switch (random.Next(6))
        {
            case 0:
                w.Line($"Interlocked.{random.Pick(["Increment", "Decrement"])}(ref {target});");
                return true;
            case 1:
                w.Line($"Interlocked.Add(ref {target}, {expressions.Int(ctx)});");
                return true;
            case 2:
                return Consume(w, ctx, $"Interlocked.Exchange(ref {target}, {expressions.Int(ctx)})");
            case 3:
                return Consume(w, ctx, $"Interlocked.CompareExchange(ref {target}, {expressions.Int(ctx)}, {expressions.Int(ctx)})");
            case 4:
                w.Line($"Volatile.Write(ref {target}, {expressions.Int(ctx)});");
                return true;
            default:
                return Consume(w, ctx, $"Volatile.Read(ref {target})");
        }
    }

    private bool GenericStatement(SourceWriter w, BodyContext ctx)
    {
        var cell = PickVariable(ctx, v => v.Kind == ValueKind.Cell);
        switch (random.Next(3))
        {
            case 0 when !ctx.Isolated && Has(Feature.Statics):
                w.Line($"Tally<{random.Pick(Locations.GenericArguments())}>.s_sum += {expressions.Long(ctx)};");
                return true;
            case 1 when cell is { Struct: not null }:
                w.Line($"{cell.Name}.Value.Bump({expressions.Int(ctx)});");
                return true;
            case 2 when cell is { Struct: null, Writable: true }:
                w.Line($"{cell.Name} = new Cell<int>({cell.Name}.Get() + {expressions.Int(ctx)});");
                return true;
            default:
                return DeclareCell(w, ctx);
        }
    }
}
