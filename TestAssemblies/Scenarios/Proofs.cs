using System.Runtime.CompilerServices;

namespace Scenarios;

/// <summary>An exception thrown three woven frames down (each touches shared state), for stack-trace tests.</summary>
public static class DeepState
{
    private sealed class Depth
    {
        public int Reached;
    }

    public static void Throw()
    {
        var depth = new Depth();
        Level1(depth);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Level1(Depth depth)
    {
        depth.Reached = 1;
        Level2(depth);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Level2(Depth depth)
    {
        depth.Reached = 2;
        Level3(depth);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Level3(Depth depth)
    {
        depth.Reached = 3;
        throw new InvalidOperationException("deep " + depth.Reached);
    }
}

/// <summary>A long loop with no call in it: its back-edges are the only commit points.</summary>
public static class LongLoop
{
    private sealed class Total
    {
        public long Value;
    }

    public static long Sum(int iterations)
    {
        var total = new Total();
        for (int i = 0; i < iterations; i++)
            total.Value += i;
        return total.Value;
    }
}

/// <summary>A fault inside a loop (in serial mode the loop runs its plain copy): the stack trace must still show the line.</summary>
public static class LoopFault
{
    private sealed class Node
    {
        public int Value;
        public Node? Next;
    }

    public static int WalkPastTheEnd()
    {
        var head = new Node { Value = 1, Next = new Node { Value = 2 } };
        int sum = 0;
        for (var node = head; ; node = node.Next!)
            sum += node.Value;
    }
}
