namespace Scenarios;

/// <summary>Iterators: yield return/break, try/finally in iterators, custom enumerables, lazy interleaving.</summary>
public static class IteratorScenarios
{
    private static IEnumerable<int> Range(int start, int count)
    {
        for (int i = 0; i < count; i++)
            yield return start + i;
    }

    private static IEnumerable<int> UntilNegative(int[] xs)
    {
        foreach (var x in xs)
        {
            if (x < 0)
                yield break;
            yield return x;
        }
    }

    public static string YieldReturnAndBreak()
    {
        int sum = 0;
        foreach (var x in Range(3, 5))
            sum += x;
        var taken = new List<int>();
        foreach (var x in UntilNegative(new[] { 4, 8, 15, -16, 23 }))
            taken.Add(x);
        var evens = new List<int>();
        foreach (var x in Range(0, 10))
        {
            if (x % 2 == 1)
                continue;
            if (x > 6)
                break;
            evens.Add(x);
        }
        return Invariant($"{sum};{Fmt.Join(taken)};{Fmt.Join(evens)}");
    }

    private sealed class Resource
    {
        public int Opened;
        public int Closed;
        public string Log = "";
    }

    private static IEnumerable<string> Lines(Resource r, int n)
    {
        r.Opened++;
        try
        {
            for (int i = 0; i < n; i++)
            {
                r.Log += "y";
                yield return "line" + i.ToString(CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            r.Closed++;
            r.Log += "f";
        }
    }

    public static string IteratorWithFinally()
    {
        var r = new Resource();
        var all = new List<string>();
        foreach (var line in Lines(r, 3))
            all.Add(line);
        r.Log += "|";
        foreach (var line in Lines(r, 5))
        {
            if (line == "line1")
                break;
            all.Add(line);
        }
        r.Log += "|";
        using (var e = Lines(r, 4).GetEnumerator())
        {
            e.MoveNext();
            e.MoveNext();
            all.Add(e.Current);
        }
        r.Log += "|";
        var never = Lines(r, 2).GetEnumerator();
        never.Dispose(); // never started: the body and its finally do not run
        string thrown = "";
        try
        {
            foreach (var line in Lines(r, 3))
            {
                if (line == "line2")
                    throw new InvalidOperationException("stop at " + line);
            }
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex.Message;
        }
        return Invariant($"{Fmt.Join(all)};{r.Opened},{r.Closed};{r.Log};{thrown}");
    }

    private sealed class Bag : IEnumerable<int>
    {
        private readonly int[] items = new int[6];
        private int count;

        public void Add(int v) => items[count++] = v;

        public IEnumerator<int> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
                yield return items[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private readonly struct Countdown
    {
        private readonly int from;

        public Countdown(int from) { this.from = from; }

        public CountdownEnumerator GetEnumerator() => new(from);
    }

    private struct CountdownEnumerator
    {
        private int current;

        public CountdownEnumerator(int from) { current = from + 1; }

        public readonly int Current => current;

        public bool MoveNext() => --current >= 0;
    }

    private sealed class TreeNode
    {
        public int Value;
        public TreeNode? Left;
        public TreeNode? Right;

        public TreeNode(int value, TreeNode? left = null, TreeNode? right = null)
        {
            Value = value;
            Left = left;
            Right = right;
        }
    }

    private static IEnumerable<int> InOrder(TreeNode node)
    {
        if (node.Left is not null)
        {
            foreach (var v in InOrder(node.Left))
                yield return v;
        }
        yield return node.Value;
        if (node.Right is null)
            yield break;
        foreach (var v in InOrder(node.Right))
            yield return v;
    }

    public static string CustomEnumerables()
    {
        var bag = new Bag { 5, 1, 4 };
        bag.Add(9);
        int bagSum = 0;
        foreach (var x in bag)
            bagSum += x;
        var countdown = new List<int>();
        foreach (var x in new Countdown(4))
            countdown.Add(x);
        return Invariant($"{Fmt.Join(bag)}={bagSum};{Fmt.Join(countdown)}");
    }

    public static string RecursiveTreeIterator()
    {
        var tree = new TreeNode(4, new TreeNode(2, new TreeNode(1)), new TreeNode(6));
        var ordered = new List<int>(InOrder(tree));
        tree.Left!.Value = 20;
        tree.Right!.Right = new TreeNode(7);
        var again = new List<int>(InOrder(tree.Right));
        return Invariant($"{Fmt.Join(ordered)};{Fmt.Join(again)};{tree.Left.Value}");
    }

    public static string LazyInterleaving()
    {
        var log = new StringBuilder();

        IEnumerable<int> Produce(int n)
        {
            for (int i = 0; i < n; i++)
            {
                log.Append('p').Append(i);
                yield return i;
            }
            log.Append("end");
            n = -1; // the parameter is copied per enumerator
        }

        var seq = Produce(3);
        foreach (var x in seq)
            log.Append('c').Append(x);
        log.Append('/');
        using (var e1 = seq.GetEnumerator())
        using (var e2 = seq.GetEnumerator())
        {
            e1.MoveNext();
            e2.MoveNext();
            e1.MoveNext();
            log.Append(Invariant($"[{e1.Current},{e2.Current}]"));
        }
        return log.ToString();
    }
}
