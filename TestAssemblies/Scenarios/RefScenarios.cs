namespace Scenarios;

/// <summary>ref locals and ref returns into array elements and into fields of class objects; ref fields in ref structs.</summary>
public static class RefScenarios
{
    private static ref int MaxRef(int[] a)
    {
        int best = 0;
        for (int i = 1; i < a.Length; i++)
        {
            if (a[i] > a[best])
                best = i;
        }
        return ref a[best];
    }

    public static string RefLocalsIntoArrays()
    {
        int[] a = { 3, 9, 2, 7, 5 };
        ref int m = ref MaxRef(a);
        m = 0;
        MaxRef(a) += 100;
        ref int r = ref a[0];
        r++;
        r = ref a[4];
        r *= 2;
        ref readonly int ro = ref a[2];
        a[2] = 50;
        int seen = ro;
        int[][] rows = { new[] { 1, 2 }, new[] { 3, 4 } };
        ref int cell = ref rows[1][0];
        rows[1] = new[] { 30, 40 }; // cell still points into the old row
        cell = -3;
        return Invariant($"{Fmt.Join(a)},{seen},{Fmt.Join(rows[1])},{cell}");
    }

    private struct Inner
    {
        public int A;
        public int B;
    }

    private sealed class Node
    {
        public static int Shared;
        public int Value;
        public Inner In;
        public Node? Next;
    }

    private static ref int ValueRef(Node n) => ref n.Value;

    private static ref int Pick(Node x, Node y, bool first) => ref first ? ref x.Value : ref y.In.B;

    public static string RefIntoFields()
    {
        Node.Shared = 0;
        var n1 = new Node { Value = 1 };
        var n2 = new Node { Value = 2, Next = n1 };
        ref int v = ref ValueRef(n1);
        v += 10;
        ValueRef(n2.Next!) *= 2;
        ref int shared = ref Node.Shared;
        shared = 5;
        shared++;
        ref Inner inner = ref n2.In;
        inner.A = 7;
        inner.B = inner.A + 1;
        Pick(n1, n2, true) -= 1;
        Pick(n1, n2, false) += 100;
        ref int either = ref (n1.Value > 20 ? ref n1.Value : ref n2.Value);
        either = 0;
        (n1.Value, n2.Value) = (n2.Value, n1.Value);
        return Invariant($"{n1.Value},{n2.Value},{n2.In.A},{n2.In.B},{Node.Shared}");
    }

    private struct Item
    {
        public int Count;
        public int Total;
    }

    public static string RefLocalsInLoops()
    {
        var items = new Item[5];
        for (int i = 0; i < items.Length; i++)
        {
            ref var e = ref items[i];
            e.Count = i;
            e.Total += e.Count * 10;
        }
        foreach (ref var e in items.AsSpan(1, 3))
            e.Count *= 3;
        int sum = 0;
        foreach (ref readonly var e in new ReadOnlySpan<Item>(items))
            sum += e.Count + e.Total;
        var parts = new List<string>();
        foreach (var e in items)
            parts.Add(Invariant($"{e.Count}/{e.Total}"));
        return string.Join(",", parts) + ";" + sum.ToString(CultureInfo.InvariantCulture);
    }

    private ref struct Cursor
    {
        private readonly Span<int> span;
        private ref int current;

        public Cursor(Span<int> span)
        {
            this.span = span;
            current = ref span[0];
        }

        public void MoveTo(int i) => current = ref span[i];

        public void Add(int d) => current += d;

        public readonly int Current => current;
    }

    private sealed class Buffer
    {
        public int[] Data = { 1, 2, 3, 4, 5, 6 };
    }

    public static string RefFieldsInRefStructs()
    {
        var b = new Buffer();
        var cursor = new Cursor(b.Data);
        cursor.Add(10);
        cursor.MoveTo(3);
        cursor.Add(-4);
        int at3 = cursor.Current;
        b.Data[3] = 99; // visible through the cursor
        int seen = cursor.Current;
        cursor.MoveTo(5);
        cursor.Add(cursor.Current);
        return Invariant($"{Fmt.Join(b.Data)},{at3},{seen}");
    }
}
