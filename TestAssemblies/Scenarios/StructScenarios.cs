namespace Scenarios;

/// <summary>Mutable structs: in class fields and arrays, methods mutating this, ref/in/out passing.</summary>
public static class StructScenarios
{
    private struct Vec
    {
        public int X;
        public int Y;

        public Vec(int x, int y)
        {
            X = x;
            Y = y;
        }

        public void Add(Vec o)
        {
            X += o.X;
            Y += o.Y;
        }

        public void Scale(int k)
        {
            X *= k;
            Y *= k;
        }

        public readonly int Dot(in Vec o) => X * o.X + Y * o.Y;

        public override readonly string ToString() => Invariant($"({X},{Y})");
    }

    private sealed class Holder
    {
        public Vec V = new(1, 2);
        public readonly Vec Frozen = new(3, 4);
        public Vec[] Arr = new Vec[4];
    }

    public static string StructFieldInClass()
    {
        var h = new Holder();
        h.V.X = 5;
        h.V.Add(new Vec(10, 20));
        h.V.Scale(2);
        var copy = h.V;
        copy.X = 999;
        h.Frozen.Scale(10); // operates on a defensive copy: Frozen is unchanged
        var f = h.Frozen;
        f.Scale(10);
        int dot = h.V.Dot(h.Frozen);
        return Invariant($"{h.V},{copy},{h.Frozen},{f},{dot}");
    }

    public static string StructArrayElements()
    {
        var arr = new Vec[5];
        for (int i = 0; i < arr.Length; i++)
        {
            arr[i].X = i;
            arr[i].Y = -i;
        }
        arr[1].Scale(3);
        arr[2].Add(arr[1]);
        ref Vec r = ref arr[3];
        r.Y = 42;
        r.Add(new Vec(1, 1));
        Vec c = arr[4];
        c.X = 100;
        var h = new Holder();
        h.Arr[2].X = 7;
        h.Arr[2].Scale(2);
        h.Arr[3] = arr[2];
        return Fmt.Join(arr) + ";" + Fmt.Join(h.Arr) + ";" + c.ToString();
    }

    private static void Bump(ref Vec v, int by)
    {
        v.X += by;
        v.Y += by;
    }

    private static void Make(int seed, out Vec v) => v = new Vec(seed, seed * 2);

    private static int Sum(in Vec v) => v.X + v.Y;

    private static void Swap(ref Vec a, ref Vec b) => (a, b) = (b, a);

    public static string StructsByRefInOut()
    {
        var h = new Holder();
        Bump(ref h.V, 5);
        Bump(ref h.Arr[1], 3);
        Make(7, out h.Arr[2]);
        Make(4, out Vec local);
        Swap(ref h.V, ref h.Arr[2]);
        Swap(ref local, ref h.Arr[0]);
        int s = Sum(in h.V) + Sum(h.Arr[1]) + Sum(in h.Frozen) + Sum(local);
        return Invariant($"{h.V};{Fmt.Join(h.Arr)};{local};{s}");
    }

    private struct Rect
    {
        public Vec Min;
        public Vec Max;
        public string? Name;
        public int[]? Tags;

        public readonly int Area => (Max.X - Min.X) * (Max.Y - Min.Y);

        public void Grow(int d)
        {
            Min.X -= d;
            Min.Y -= d;
            Max.Add(new Vec(d, d));
        }
    }

    private sealed class Canvas
    {
        public Rect Bounds;
        public Rect[] Rects = new Rect[3];
    }

    public static string NestedStructs()
    {
        var c = new Canvas();
        c.Bounds.Max = new Vec(4, 3);
        c.Bounds.Name = "b";
        c.Bounds.Tags = new[] { 1, 2 };
        c.Bounds.Tags[1] = 9;
        c.Bounds.Grow(1);
        c.Bounds.Max.X++;
        for (int i = 0; i < c.Rects.Length; i++)
        {
            c.Rects[i].Max.X = i + 1;
            c.Rects[i].Max.Y = 2;
            c.Rects[i].Name = "r" + i.ToString(CultureInfo.InvariantCulture);
        }
        c.Rects[2].Grow(2);
        var copy = c.Bounds;
        copy.Tags![0] = 5; // the array is shared between the copies
        copy.Min.X = 77;
        var sb = new StringBuilder();
        sb.Append(Invariant($"{c.Bounds.Name}:{c.Bounds.Min}{c.Bounds.Max}a={c.Bounds.Area} tags={Fmt.Join(c.Bounds.Tags!)} copyMin={copy.Min};"));
        foreach (var r in c.Rects)
            sb.Append(Invariant($"{r.Name}:{r.Min}{r.Max}a={r.Area};"));
        return sb.ToString();
    }
}
