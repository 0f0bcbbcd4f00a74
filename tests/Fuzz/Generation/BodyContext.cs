using System.Collections.Immutable;

namespace Stm.Fuzz.Generation;

/// <summary>What a statement may do where it is generated.</summary>
internal enum ReturnKind
{
    /// <summary>No return: a finally block or a thread body.</summary>
    None,
    Void,
    Int,

    /// <summary>An iterator: <c>yield break</c>.</summary>
    Yield,
}

/// <summary>The generator's view of one point in a method body: scope, nesting and what C# allows there.</summary>
internal sealed record BodyContext
{
    public required Scope Scope { get; init; }

    public required Names Names { get; init; }

    /// <summary>Statement nesting (compound statements get rarer deeper down).</summary>
    public int Depth { get; init; }

    /// <summary>Loops around this point, counting those of the callers (bounds the program's run time).</summary>
    public int LoopDepth { get; init; }

    /// <summary>Inside a loop whose break/continue would stay within this method body.</summary>
    public bool CanBreak { get; init; }

    /// <summary>Labels a goto may jump to from here.</summary>
    public ImmutableArray<string> Labels { get; init; } = [];

    public ReturnKind Return { get; init; }

    /// <summary>An iterator where <c>yield return</c> is allowed (not in a try with a catch, a handler, a lock or a lambda).</summary>
    public bool CanYield { get; init; }

    /// <summary>
    /// A thread body: only its own variables (and thread-statics), no shared static, no call into
    /// code that could touch shared state, so the result does not depend on the interleaving.
    /// </summary>
    public bool Isolated { get; init; }

    /// <summary>
    /// Straight-line code after a ref local: no call that could reach a commit point, since writes
    /// through a ref that outlive a commit point are a documented limit of the weaver.
    /// </summary>
    public bool Pure { get; init; }

    public bool InLambda { get; init; }

    /// <summary>Inside a try block with a catch (throws are more interesting there).</summary>
    public bool InTry { get; init; }

    /// <summary>Shared by the whole method body: how deep its loops went.</summary>
    public required MethodStats Stats { get; init; }

    /// <summary>A virtual method of a generated class: it calls no other virtual method (no unbounded recursion).</summary>
    public bool InClassMethod { get; init; }

    /// <summary>Collections being enumerated around this point: not modified here.</summary>
    public ImmutableHashSet<string> Frozen { get; init; } = [];

    public IEnumerable<Variable> Visible() => InLambda ? Scope.All().Where(v => !v.IsRef) : Scope.All();

    /// <summary>Records that code at loop depth <paramref name="loopDepth"/> runs here (a loop or a callee's loops).</summary>
    public void Reach(int loopDepth) => Stats.LoopDepth = Math.Max(Stats.LoopDepth, loopDepth);

    public BodyContext Nested() => this with { Scope = Scope.Child(), Depth = Depth + 1 };

    /// <summary>The body of a loop.</summary>
    public BodyContext InLoop() => Nested() with { LoopDepth = LoopDepth + 1, CanBreak = true };

    /// <summary>A lambda or local function body: no jump or yield out of it.</summary>
    public BodyContext Lambda(ReturnKind kind) =>
        Nested() with { InLambda = true, CanBreak = false, Labels = [], Return = kind, CanYield = false };

    /// <summary>A finally block: C# lets no jump leave it.</summary>
    public BodyContext Finally() =>
        Nested() with { CanBreak = false, Labels = [], Return = ReturnKind.None, CanYield = false };
}

/// <summary>What a method body turned out to need, once generated.</summary>
internal sealed class MethodStats
{
    public int LoopDepth { get; set; }
}
