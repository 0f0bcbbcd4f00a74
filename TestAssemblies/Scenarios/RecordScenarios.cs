namespace Scenarios;

/// <summary>Records: record classes and record structs, with-expressions, value equality, inheritance.</summary>
public static class RecordScenarios
{
    private sealed record Person(string Name, int Age)
    {
        public int Visits { get; set; }
    }

    public static string RecordClassEqualityAndWith()
    {
        var a = new Person("ann", 30);
        var b = new Person("ann", 30);
        var c = a with { Age = 31 };
        a.Visits = 2;
        bool equalAfterVisit = a == b; // Visits takes part in equality
        b.Visits = 2;
        var (name, age) = c;
        var d = c with { };
        d.Visits++;
        return Invariant($"{a == b},{equalAfterVisit},{ReferenceEquals(a, b)},{a.Equals(c)},{a.GetHashCode() == b.GetHashCode()},{c},{name},{age},{d.Visits},{c.Visits},{d != c}");
    }

    private record struct MutablePoint(int X, int Y);

    private readonly record struct FrozenPoint(int X, int Y)
    {
        public int Sum => X + Y;
    }

    private sealed class Holder
    {
        public MutablePoint P = new(1, 1);
        public readonly MutablePoint[] Points = new MutablePoint[3];
        public FrozenPoint F = new(2, 3);
    }

    public static string RecordStructs()
    {
        var h = new Holder();
        h.P.X += 5;
        h.P = h.P with { Y = 9 };
        for (int i = 0; i < h.Points.Length; i++)
            h.Points[i] = new MutablePoint(i, i * i);
        h.Points[2].Y = -1;
        h.F = h.F with { X = 10 };
        var copy = h.Points[1];
        copy.X = 50;
        bool eq = h.Points[1] == new MutablePoint(1, 1);
        return Invariant($"{h.P};{Fmt.Join(h.Points)};{h.F},{h.F.Sum};{copy};{eq}");
    }

    private abstract record Shape(string Name);

    private sealed record Circle(string Name, int Radius) : Shape(Name);

    private sealed record Square(string Name, int Side) : Shape(Name);

    public static string RecordInheritance()
    {
        Shape[] shapes = { new Circle("c", 2), new Square("s", 3), new Circle("c", 2) };
        Shape renamed = shapes[0] with { Name = "c2" };
        var parts = new List<string>
        {
            renamed.GetType().Name,
            renamed.ToString(),
            (shapes[0] == shapes[2]).ToString(),
            (shapes[0] == (Shape)new Square("c", 2)).ToString(),
            (shapes[1] is Square { Side: 3 }).ToString(),
        };
        int area = 0;
        foreach (var s in shapes)
        {
            area += s switch
            {
                Circle c => 3 * c.Radius * c.Radius,
                Square q => q.Side * q.Side,
                _ => 0,
            };
        }
        parts.Add(area.ToString(CultureInfo.InvariantCulture));
        return string.Join(";", parts);
    }
}
