namespace Stm.Fuzz.Generation;

/// <summary>What a variable of the generated program holds (the generator knows the rest from its model).</summary>
internal enum ValueKind
{
    Int,
    Long,
    Bool,
    Object,
    Struct,
    IntArray,
    ObjectArray,
    StructArray,
    Jagged,
    Grid,
    List,
    Dictionary,
    Set,
    Queue,
    Builder,
    Text,

    /// <summary>A <c>Func&lt;int, int&gt;</c> (lambda) or an <c>int F(int)</c> local function.</summary>
    IntFunction,
    Action,

    /// <summary>A <c>Cell&lt;int&gt;</c> or, with <see cref="Variable.Struct"/>, a <c>Cell&lt;PairK&gt;</c>.</summary>
    Cell,
}

/// <summary>A variable in scope; <see cref="Name"/> may be any variable expression (<c>kv3.Key</c>, <c>this</c>).</summary>
internal sealed record Variable(string Name, ValueKind Kind)
{
    /// <summary>False for loop and foreach variables (assigning them could break the loop's bound), catch variables, <c>this</c>.</summary>
    public bool Writable { get; init; } = true;

    /// <summary>A ref local: lambdas cannot capture it.</summary>
    public bool IsRef { get; init; }

    /// <summary>Objects and object arrays: the static class.</summary>
    public ClassModel? Class { get; init; }

    /// <summary>Structs, struct arrays and struct cells.</summary>
    public StructModel? Struct { get; init; }

    /// <summary>Arrays: the length (rows for a grid, outer length for a jagged array).</summary>
    public int Length { get; init; }

    /// <summary>Grids: the columns; jagged arrays: the shortest inner array.</summary>
    public int InnerLength { get; init; }
}

/// <summary>Variables visible at a point of a method body: those of its block and of the enclosing blocks.</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly List<Variable> _own = [];

    public Scope Child() => new(this);

    public void Declare(Variable variable) => _own.Add(variable);

    public IEnumerable<Variable> All() => parent is null ? _own : parent.All().Concat(_own);
}

/// <summary>Unique names within one generated method (C# forbids a nested local shadowing an outer one).</summary>
internal sealed class Names
{
    private int _next;

    public string Next(string prefix) => prefix + _next++;
}
