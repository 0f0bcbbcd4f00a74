namespace Scenarios;

/// <summary>ValueTuple deconstruction and field mutation, long tuples, nullable value types.</summary>
public static class TupleScenarios
{
    private sealed class Holder
    {
        public (int A, string B) Pair = (1, "one");
        public (int, int)[] Pairs = new (int, int)[3];
        public (int X, int Y) Pos;
        public (int, int, int, int, int, int, int, int, int, int) Long;
    }

    private static (int Quotient, int Remainder) DivRem(int a, int b) => (a / b, a % b);

    public static string TupleDeconstructionAndMutation()
    {
        var h = new Holder();
        int a = 1, b = 2;
        (a, b) = (b, a);
        (h.Pos.X, h.Pos.Y) = (3, 4);
        h.Pos.X += h.Pos.Y;
        h.Pair.A += 5;
        h.Pair.B += "!";
        for (int i = 0; i < h.Pairs.Length; i++)
            h.Pairs[i] = (i, i * i);
        h.Pairs[1].Item2 = 7;
        ref var slot = ref h.Pairs[2];
        slot.Item1 = -slot.Item2;
        var (q, r) = DivRem(17, 5);
        (h.Pair.A, _) = DivRem(100, 7);
        var named = DivRem(9, 4);
        bool eq = h.Pos == (7, 4);
        bool ne = named != (2, 1);
        var parts = new List<string>();
        foreach (var (x, y) in h.Pairs)
            parts.Add(Invariant($"{x}:{y}"));
        return Invariant($"{a},{b},{h.Pos},{h.Pair},{string.Join("|", parts)},{q},{r},{named.Quotient},{named.Remainder},{eq},{ne}");
    }

    public static string LongTuples()
    {
        var t = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        t.Item9 += 100;
        t.Item10 = t.Item1 + t.Item8;
        var h = new Holder { Long = t };
        h.Long.Item9++;
        h.Long.Item2 = h.Long.Item10 * 2;
        var (_, second, _, _, _, _, _, eighth, ninth, tenth) = h.Long;
        return Invariant($"{t.Item9},{t.Item10},{h.Long.Item9},{second},{eighth},{ninth},{tenth},{h.Long.Rest.Item2},{t == h.Long}");
    }

    private struct Reading
    {
        public int Value;
    }

    private sealed class Sensor
    {
        public int? Maybe;
        public int?[] Maybes = new int?[4];
        public Reading? Last;
        public double? Ratio;
    }

    public static string NullableValueTypes()
    {
        var s = new Sensor();
        int? a = 5;
        int? b = null;
        int? sum = a + b;
        var log = new List<string> { Fmt.Of(sum), Fmt.Of(a ?? -1), Fmt.Of(b ?? -1), (a > b).ToString(), (a == 5).ToString() };
        s.Maybe ??= 7;
        s.Maybe += 1;
        s.Maybe ??= 100;
        for (int i = 0; i < s.Maybes.Length; i++)
        {
            if (i % 2 == 0)
                s.Maybes[i] = i * 3;
        }
        s.Maybes[2]++;
        s.Maybes[1]++; // stays null
        s.Last = new Reading { Value = 9 };
        int lastValue = s.Last.Value.Value;
        s.Ratio = s.Maybe / 3.0;
        object? boxedNull = b;
        object? boxedFive = a;
        log.Add(Invariant($"{s.Maybe},{Fmt.Join(s.Maybes)},{lastValue},{s.Last?.Value},{Fmt.F4(s.Ratio ?? 0)},{boxedNull is null},{boxedFive is int},{b.GetValueOrDefault(42)},{s.Maybes[3].HasValue}"));
        return string.Join(";", log);
    }
}
