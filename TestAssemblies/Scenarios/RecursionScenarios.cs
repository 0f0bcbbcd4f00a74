namespace Scenarios;

/// <summary>Recursion: factorial, Fibonacci (plain and memoised), a small class-based binary tree, mutual recursion, Hanoi.</summary>
public static class RecursionScenarios
{
    private static long Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    private static int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);

    private sealed class Memo
    {
        public readonly long[] Values = new long[16];
        public int Computed;
    }

    private static long MemoFib(Memo m, int n)
    {
        if (n < 2)
            return n;
        if (m.Values[n] != 0)
            return m.Values[n];
        m.Computed++;
        return m.Values[n] = MemoFib(m, n - 1) + MemoFib(m, n - 2);
    }

    public static string FactorialAndFibonacci()
    {
        var memo = new Memo();
        long f15 = MemoFib(memo, 15);
        long again = MemoFib(memo, 12);
        return Invariant($"{Factorial(8)},{Fib(10)},{f15},{again},{memo.Computed}");
    }

    private sealed class TreeNode
    {
        public int Value;
        public TreeNode? Left;
        public TreeNode? Right;

        public TreeNode(int value) { Value = value; }
    }

    private static TreeNode Insert(TreeNode? node, int value)
    {
        if (node is null)
            return new TreeNode(value);
        if (value < node.Value)
            node.Left = Insert(node.Left, value);
        else
            node.Right = Insert(node.Right, value);
        return node;
    }

    private static void InOrder(TreeNode? node, List<int> into)
    {
        if (node is null)
            return;
        InOrder(node.Left, into);
        into.Add(node.Value);
        InOrder(node.Right, into);
    }

    private static int Height(TreeNode? node) => node is null ? 0 : 1 + Math.Max(Height(node.Left), Height(node.Right));

    private static int Leaves(TreeNode? node) =>
        node is null ? 0 : node.Left is null && node.Right is null ? 1 : Leaves(node.Left) + Leaves(node.Right);

    private static void Mirror(TreeNode? node)
    {
        if (node is null)
            return;
        (node.Left, node.Right) = (node.Right, node.Left);
        Mirror(node.Left);
        Mirror(node.Right);
    }

    public static string BinaryTreeTraversal()
    {
        TreeNode? root = null;
        foreach (int v in new[] { 5, 3, 8, 1, 4, 7, 9, 2 })
            root = Insert(root, v);
        var ordered = new List<int>();
        InOrder(root, ordered);
        int height = Height(root);
        int leaves = Leaves(root);
        Mirror(root);
        var mirrored = new List<int>();
        InOrder(root, mirrored);
        return Invariant($"{Fmt.Join(ordered)};{height};{leaves};{Fmt.Join(mirrored)}");
    }

    private static bool IsEven(int n) => n == 0 || IsOdd(n - 1);

    private static bool IsOdd(int n) => n != 0 && IsEven(n - 1);

    private sealed class Pegs
    {
        public readonly int[] Disks = new int[3];
        public int Moves;
    }

    private static void Hanoi(Pegs p, int n, int from, int to, int via)
    {
        if (n == 0)
            return;
        Hanoi(p, n - 1, from, via, to);
        p.Disks[from]--;
        p.Disks[to]++;
        p.Moves++;
        Hanoi(p, n - 1, via, to, from);
    }

    private static int Ackermann(int m, int n) =>
        m == 0 ? n + 1 : n == 0 ? Ackermann(m - 1, 1) : Ackermann(m - 1, Ackermann(m, n - 1));

    public static string MutualRecursionAndHanoi()
    {
        var p = new Pegs();
        p.Disks[0] = 4;
        Hanoi(p, 4, 0, 2, 1);
        return Invariant($"{IsEven(7)},{IsOdd(7)},{IsEven(8)},{Fmt.Join(p.Disks)},{p.Moves},{Ackermann(2, 2)}");
    }
}
