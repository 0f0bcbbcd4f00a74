namespace Scenarios;

/// <summary>Delegates: Func/Action, method groups (static and bound), multicast, delegates in fields.</summary>
public static class DelegateScenarios
{
    private sealed class Accumulator
    {
        public int Total;

        public int Add(int x)
        {
            Total += x;
            return Total;
        }

        public void Log(int x) => Total = Total * 10 + x;
    }

    private static int lastSeen;
    private static int calls;

    private static int Square(int x) => x * x;

    private static void Remember(int x)
    {
        lastSeen = x;
        calls++;
    }

    public static string FuncAndActionMethodGroups()
    {
        lastSeen = 0;
        calls = 0;
        var acc = new Accumulator();
        Func<int, int> sq = Square;
        Func<int, int> add = acc.Add;
        Action<int> rem = Remember;
        Func<int, int, int> mul = (a, b) => a * b;
        int r = 0;
        for (int i = 1; i <= 5; i++)
        {
            r += sq(i);
            add(i);
            rem(i);
        }
        Func<int, int> composed = x => sq(add(x));
        int c = composed(2);
        return Invariant($"{r},{acc.Total},{lastSeen},{calls},{mul(6, 7)},{c},{add.Target == (object)acc},{sq.Method.Name}");
    }

    public static string MulticastDelegates()
    {
        lastSeen = 0;
        calls = 0;
        var acc = new Accumulator();
        Action<int> a = acc.Log;
        a += Remember;
        a += acc.Log;
        a(3);
        int afterFirst = acc.Total;
        a = (a - acc.Log)!; // removes the last occurrence
        a(4);
        int listLength = a.GetInvocationList().Length;
        Func<int, int> f = Square;
        f += acc.Add;
        int last = f(3); // the value of the last delegate in the list
        var log = new StringBuilder();
        Action chain = () => log.Append('a');
        chain += () => throw new InvalidOperationException("mid");
        chain += () => log.Append('c');
        try
        {
            chain();
        }
        catch (InvalidOperationException e)
        {
            log.Append('!').Append(e.Message);
        }
        Action<int>? empty = a;
        empty -= acc.Log;
        empty -= Remember;
        return Invariant($"{afterFirst},{acc.Total},{lastSeen},{calls},{listLength},{last},{log},{empty is null}");
    }

    private delegate int BinOp(int a, int b);

    private delegate void RefAction(ref int x);

    private sealed class Pipeline
    {
        public readonly Func<int, int>[] Stages = new Func<int, int>[3];
        public BinOp Combine = (a, b) => a + b;
        public RefAction? Finish;

        public int Run(int input)
        {
            int v = input;
            foreach (var stage in Stages)
                v = stage(v);
            v = Combine(v, input);
            Finish?.Invoke(ref v);
            return v;
        }
    }

    public static string DelegatesInFieldsAndArrays()
    {
        var p = new Pipeline();
        p.Stages[0] = x => x + 1;
        p.Stages[1] = Square;
        p.Stages[2] = x => x - 3;
        var results = new List<int>();
        for (int i = 0; i < 4; i++)
            results.Add(p.Run(i));
        p.Stages[1] = p.Stages[0];
        p.Combine = (a, b) => a * b;
        p.Finish = (ref int x) => x = -x;
        for (int i = 0; i < 3; i++)
            results.Add(p.Run(i));
        BinOp max = Math.Max;
        return Fmt.Join(results) + ";" + max(3, 8).ToString(CultureInfo.InvariantCulture);
    }
}
