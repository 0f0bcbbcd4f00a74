namespace Stm.Fuzz.Generation;

/// <summary>How a location is used: read, assigned (properties too), or passed by ref (variables only).</summary>
internal enum LocationUse
{
    Read,
    Write,
    Ref,
}

/// <summary>
/// The int and long locations a statement or expression can name at a point: locals, fields of
/// objects and structs (through classes, arrays, cells), statics of every kind, array elements.
/// </summary>
internal sealed class LocationGenerator(Random random, ProgramModel model, ExpressionGenerator expressions)
{
    private FeatureSet Features => model.Features;

    /// <summary>An int location, or null when there is none for this use here.</summary>
    public string? Int(BodyContext ctx, LocationUse use)
    {
        var options = new List<(int, Func<string>)>();
        foreach (var variable in ctx.Visible())
            AddIntLocations(options, ctx, variable, use);
        if (Features.Has(Feature.Statics))
            AddStaticInts(options, ctx, use);
        return options.Count == 0 ? null : random.Weighted(options)();
    }

    public string? Long(BodyContext ctx, LocationUse use)
    {
        var options = new List<(int, Func<string>)>();
        foreach (var variable in ctx.Visible())
        {
            if (variable.Kind == ValueKind.Long && (use == LocationUse.Read || variable.Writable))
                options.Add((3, () => variable.Name));
            if (variable.Kind == ValueKind.Object)
            {
                foreach (var c in variable.Class!.SelfAndBases())
                    options.Add((1, () => $"{variable.Name}.{c.LongField}"));
            }
            if (variable.Kind is ValueKind.Struct && (use == LocationUse.Read || variable.Writable))
                options.Add((1, () => $"{variable.Name}.C"));
        }
        if (Features.Has(Feature.Statics) && !ctx.Isolated)
            options.Add((1, () => ProgramModel.StaticLong));
        return options.Count == 0 ? null : random.Weighted(options)();
    }

    /// <summary><c>Idx(e, length)</c>: an index always in range.</summary>
    public string Index(BodyContext ctx, int length) => $"Idx({expressions.Int(ctx, ExpressionGenerator.MaxDepth - 1)}, {length})";

    private void AddIntLocations(List<(int, Func<string>)> options, BodyContext ctx, Variable variable, LocationUse use)
    {
        bool read = use == LocationUse.Read;
        string name = variable.Name;
        switch (variable.Kind)
        {
            case ValueKind.Int when read || variable.Writable:
                options.Add((4, () => name));
                break;
            case ValueKind.Object:
                AddObjectFields(options, ctx, name, variable.Class!, use);
                break;
            case ValueKind.Struct when read || variable.Writable:
                options.Add((2, () => $"{name}.{(random.Chance(0.5) ? "A" : "B")}"));
                break;
            case ValueKind.IntArray:
                options.Add((3, () => $"{name}[{Index(ctx, variable.Length)}]"));
                if (read)
                    options.Add((1, () => $"{name}.Length"));
                break;
            case ValueKind.Jagged:
                options.Add((2, () => $"{name}[{Index(ctx, variable.Length)}][{Index(ctx, variable.InnerLength)}]"));
                break;
            case ValueKind.Grid:
                options.Add((2, () => $"{name}[{Index(ctx, variable.Length)}, {Index(ctx, variable.InnerLength)}]"));
                if (read)
                    options.Add((1, () => $"{name}.GetLength({random.Next(2)})"));
                break;
            case ValueKind.StructArray:
                options.Add((2, () => $"{name}[{Index(ctx, variable.Length)}].{(random.Chance(0.5) ? "A" : "B")}"));
                break;
            case ValueKind.ObjectArray:
                options.Add((2, () => $"{name}[{Index(ctx, variable.Length)}].{random.Pick(variable.Class!.SelfAndBases().ToList()).Plain}"));
                break;
            case ValueKind.Cell:
                options.Add((2, () => variable.Struct is null ? $"{name}.Value" : $"{name}.Value.A"));
                options.Add((1, () => $"{name}.Reads"));
                break;
            case ValueKind.List or ValueKind.Set or ValueKind.Queue or ValueKind.Dictionary when read && !ctx.Pure:
                options.Add((1, () => $"{name}.Count"));
                break;
            case ValueKind.Text or ValueKind.Builder when read && !ctx.Pure:
                options.Add((1, () => $"{name}.Length"));
                break;
        }
    }

    private void AddObjectFields(List<(int, Func<string>)> options, BodyContext ctx, string name, ClassModel objectClass, LocationUse use)
    {
        bool read = use == LocationUse.Read;
        foreach (var c in objectClass.SelfAndBases())
        {
            options.Add((3, () => $"{name}.{c.Plain}"));
            if (c.HasVolatile)
                options.Add((1, () => $"{name}.{c.Volatile}"));
            if (read)
                options.Add((1, () => $"{name}.{c.Readonly}"));
            // A property is a call: not in straight-line code after a ref local.
            if (c.HasProperties && use != LocationUse.Ref && !ctx.Pure)
                options.Add((1, () => $"{name}.{c.Property}"));
            if (c.HasProperties && read && !ctx.Pure)
                options.Add((1, () => $"{name}.{c.ComputedProperty}"));
            if (c.StructField is not null)
                options.Add((1, () => $"{name}.{c.StructFieldName}.{(random.Chance(0.5) ? "A" : "B")}"));
            if (c.HasItems && read && !ctx.Pure)
                options.Add((1, () => $"{name}.{c.Items}.Count"));
            // Often null: a deterministic NullReferenceException.
            options.Add((1, () => $"{name}.{c.Next}.{c.Plain}"));
        }
    }

    private void AddStaticInts(List<(int, Func<string>)> options, BodyContext ctx, LocationUse use)
    {
        bool read = use == LocationUse.Read;
        // Thread-statics are per thread: a thread body may use them.
        if (Features.Has(Feature.ThreadStatics))
        {
            options.Add((1, () => ProgramModel.ThreadStaticInt));
            foreach (var c in model.Classes.Where(c => c.HasStatics))
                options.Add((1, () => $"{c.Name}.{c.ThreadStatic}"));
        }
        if (ctx.Isolated)
            return;
        foreach (string field in model.StaticInts)
            options.Add((2, () => field));
        options.Add((1, () => ProgramModel.VolatileStatic));
        options.Add((1, () => $"{ProgramModel.StaticTable}[{Index(ctx, ProgramModel.StaticTableLength)}]"));
        if (read)
            options.Add((1, () => $"{ProgramModel.StaticTable}.Length"));
        foreach (var c in model.Classes.Where(c => c.HasStatics))
        {
            options.Add((1, () => $"{c.Name}.{c.StaticCount}"));
            if (read)
                options.Add((1, () => $"{c.Name}.{c.StaticReadonly}"));
        }
        if (Features.Has(Feature.Arrays))
        {
            options.Add((1, () => $"{ProgramModel.StaticArray}[{Index(ctx, ProgramModel.StaticArrayLength)}]"));
            options.Add((1, () => $"{ProgramModel.StaticJagged}[{Index(ctx, ProgramModel.StaticJaggedLength)}][{Index(ctx, ProgramModel.StaticJaggedInner)}]"));
            options.Add((1, () => $"{ProgramModel.StaticGrid}[{Index(ctx, ProgramModel.StaticGridRows)}, {Index(ctx, ProgramModel.StaticGridColumns)}]"));
        }
        if (Features.Has(Feature.Structs) && model.Structs.Count > 0)
            options.Add((1, () => $"{ProgramModel.StaticPair}.{(random.Chance(0.5) ? "A" : "B")}"));
        if (Features.Has(Feature.Classes) && model.Classes.Count > 0)
            options.Add((1, () => $"{ProgramModel.StaticNode}.{model.Classes[0].Plain}"));
        if (Features.Has(Feature.Generics))
            options.Add((1, () => $"Tally<{random.Pick(GenericArguments())}>.s_hits"));
    }

    /// <summary>Type arguments for the generic statics: each instantiation has its own.</summary>
    public IReadOnlyList<string> GenericArguments() =>
        [.. new[] { "int", "string", "long" }.Concat(model.Classes.Take(2).Select(c => c.Name)).Concat(model.Structs.Take(1).Select(s => s.Name))];
}
