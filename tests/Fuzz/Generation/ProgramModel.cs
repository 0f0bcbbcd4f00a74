namespace Stm.Fuzz.Generation;

/// <summary>A class of the generated program: fields named after its index, so a derived class sees its bases' fields too.</summary>
internal sealed class ClassModel(int index, ClassModel? baseClass)
{
    public int Index { get; } = index;

    public string Name => $"Node{Index}";

    public ClassModel? Base { get; } = baseClass;

    /// <summary>int fields: plain, readonly (written in constructors only), volatile.</summary>
    public string Plain => $"X{Index}";

    public string Readonly => $"R{Index}";

    public string Volatile => $"V{Index}";

    public string LongField => $"Y{Index}";

    /// <summary>A reference to another object of this class (often null).</summary>
    public string Next => $"Next{Index}";

    public string StaticCount => $"s_count{Index}";

    public string StaticReadonly => $"s_seed{Index}";

    public string ThreadStatic => $"t_seen{Index}";

    public string Property => $"P{Index}";

    public string ComputedProperty => $"Sum{Index}";

    public StructModel? StructField { get; init; }

    public string StructFieldName => $"Duo{Index}";

    public bool HasItems { get; init; }

    public string Items => $"Items{Index}";

    public bool HasStaticConstructor { get; init; }

    public bool HasProperties { get; init; }

    public bool HasVolatile { get; init; }

    public bool HasStatics { get; init; }

    /// <summary>Implements IShape (Area).</summary>
    public bool IsShape { get; init; }

    /// <summary>Has an iterator method Walk(n) over its Next chain.</summary>
    public bool HasWalk { get; init; }

    public IEnumerable<ClassModel> SelfAndBases()
    {
        for (var c = this; c is not null; c = c.Base)
            yield return c;
    }

    public bool DerivesFrom(ClassModel other) => SelfAndBases().Contains(other);

    public bool ImplementsShape => SelfAndBases().Any(c => c.IsShape);
}

/// <summary>A struct: fields A, B (int) and C (long); it implements IShape and IBump (Bump mutates it).</summary>
internal sealed class StructModel(int index)
{
    public int Index { get; } = index;

    public string Name => $"Pair{Index}";
}

/// <summary>A static helper method of Program: <c>int Name(int a, int b[, NodeK n])</c>.</summary>
internal sealed class HelperModel(string name, int loopDepth, ClassModel? objectParameter)
{
    public string Name { get; } = name;

    /// <summary>How deep its loops nest, counting the helpers it calls (keeps run time bounded).</summary>
    public int LoopDepth { get; } = loopDepth;

    public ClassModel? ObjectParameter { get; } = objectParameter;
}

/// <summary>An iterator method of Program: <c>IEnumerable&lt;int&gt; Name(int n, int step)</c>.</summary>
internal sealed class IteratorModel(string name, int loopDepth)
{
    public string Name { get; } = name;

    public int LoopDepth { get; } = loopDepth;
}

/// <summary>What the generated program declares, as far as statements and expressions may use it.</summary>
internal sealed class ProgramModel(FeatureSet features)
{
    public FeatureSet Features { get; } = features;

    public List<ClassModel> Classes { get; } = [];

    public List<StructModel> Structs { get; } = [];

    public List<HelperModel> Helpers { get; } = [];

    public List<IteratorModel> Iterators { get; } = [];

    /// <summary>Program's plain static int fields.</summary>
    public List<string> StaticInts { get; } = [];

    public const string StaticLong = "s_total";

    public const string VolatileStatic = "s_flag";

    public const string ThreadStaticInt = "t_local";

    /// <summary>static readonly int[] (its elements are writable), static int[], int[][], int[,].</summary>
    public const string StaticTable = "s_table";

    public const int StaticTableLength = 6;

    public const string StaticArray = "s_array";

    public const int StaticArrayLength = 8;

    public const string StaticJagged = "s_jagged";

    public const int StaticJaggedLength = 3;

    /// <summary>The shortest inner array of s_jagged.</summary>
    public const int StaticJaggedInner = 2;

    public const string StaticGrid = "s_grid";

    public const int StaticGridRows = 3;

    public const int StaticGridColumns = 4;

    public const string StaticPair = "s_pair";

    public const string StaticNode = "s_node";
}
