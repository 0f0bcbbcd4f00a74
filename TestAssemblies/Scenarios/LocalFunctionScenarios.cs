namespace Scenarios;

/// <summary>Local functions: static, capturing (struct closures passed by ref), converted to delegates, recursive.</summary>
public static class LocalFunctionScenarios
{
    public static string StaticLocalFunctions()
    {
        static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

        static int SumOf(int[] xs)
        {
            int s = 0;
            foreach (var x in xs)
                s += x;
            return s;
        }

        static void Fill(int[] xs, int seed)
        {
            for (int i = 0; i < xs.Length; i++)
                xs[i] = seed * (i + 1) % 7;
        }

        var data = new int[6];
        Fill(data, 3);
        return Invariant($"{Fmt.Join(data)},{SumOf(data)},{Gcd(48, 18)},{Gcd(17, 5)}");
    }

    public static string CapturingLocalFunctions()
    {
        int total = 0;
        int calls = 0;
        var items = new List<string>();

        void Add(int x)
        {
            total += x;
            calls++;
        }

        int Peek() => total * 2;

        for (int i = 1; i <= 5; i++)
            Add(i);
        total -= 3;
        int peek = Peek();

        // a second set of captures that escapes as a delegate (class closure)
        int scale = 2;
        string Label(int v) => Invariant($"<{v * scale}>");
        Func<int, string> asDelegate = Label;
        items.Add(asDelegate(3));
        scale = 5;
        items.Add(asDelegate(3));
        return Invariant($"{total},{calls},{peek},{string.Concat(items)}");
    }

    public static string RecursiveCapturingLocalFunction()
    {
        int depth = 0;
        int maxDepth = 0;
        int visits = 0;

        int Walk(int n)
        {
            depth++;
            visits++;
            if (depth > maxDepth)
                maxDepth = depth;
            int r = n <= 1 ? n : Walk(n - 1) + Walk(n - 2);
            depth--;
            return r;
        }

        int fib = Walk(6);
        return Invariant($"{fib},{visits},{maxDepth},{depth}");
    }
}
