namespace Scenarios;

/// <summary>Classes: field initializers, constructors, static and instance fields, object graphs.</summary>
public static class ClassScenarios
{
    private sealed class Point
    {
        public static int Created;
        public int X = 1;
        public int Y = 2;
        public string Label = "p";
        public readonly int Id;

        public Point() { Id = ++Created; }

        public Point(int x, int y) : this()
        {
            X = x;
            Y = y;
        }

        public void Move(int dx, int dy)
        {
            X += dx;
            Y += dy;
        }

        public int Manhattan() => Math.Abs(X) + Math.Abs(Y);
    }

    public static string FieldInitializersAndConstructors()
    {
        Point.Created = 0;
        var a = new Point();
        var b = new Point(5, -3);
        b.Move(2, 2);
        a.Label = "a";
        b.Label += "b";
        var c = new Point { X = 10, Label = "c" };
        c.Move(-1, -1);
        return Invariant($"{a.X},{a.Y},{a.Label},{a.Id};{b.X},{b.Y},{b.Label},{b.Id};{c.X},{c.Y},{c.Label},{c.Id};created={Point.Created};m={b.Manhattan()}");
    }

    private sealed class Tally
    {
        public static int Instances;
        public static long GrandTotal;
        public readonly string Name;
        public int Count;
        public long Total;

        public Tally(string name)
        {
            Name = name;
            Instances++;
        }

        public void Add(int v)
        {
            Count++;
            Total += v;
            GrandTotal += v;
        }

        public static void ResetAll()
        {
            Instances = 0;
            GrandTotal = 0;
        }
    }

    public static string StaticAndInstanceFields()
    {
        Tally.ResetAll();
        var tallies = new[] { new Tally("a"), new Tally("b"), new Tally("c") };
        for (int i = 0; i < 9; i++)
            tallies[i % 3].Add(i * i);
        var sb = new StringBuilder();
        foreach (var t in tallies)
            sb.Append(Invariant($"{t.Name}:{t.Count}/{t.Total} "));
        sb.Append(Invariant($"instances={Tally.Instances} grand={Tally.GrandTotal}"));
        return sb.ToString();
    }

    private sealed class Person
    {
        public string Name;
        public Address? Home;
        public Person? Friend;

        public Person(string name) { Name = name; }
    }

    private sealed class Address
    {
        public string City = "?";
        public int Zip;
    }

    public static string AliasingAndObjectGraph()
    {
        var shared = new Address { City = "Oslo", Zip = 150 };
        var p = new Person("p") { Home = shared };
        var q = new Person("q") { Home = shared, Friend = p };
        p.Friend = q;
        q.Home!.Zip += 1;
        p.Friend.Friend!.Name += "!";
        var home = p.Home!;
        home.City = "Bergen";
        string before = Invariant($"{p.Home!.City}/{q.Home!.Zip}");
        q.Home = new Address { City = "Tromso", Zip = 9000 };
        q.Home.Zip++;
        bool cycle = ReferenceEquals(p.Friend.Friend, p);
        p.Friend = null;
        return Invariant($"{p.Name},{q.Name},{before},{p.Home!.City},{p.Home.Zip},{q.Home.City},{q.Home.Zip},{cycle},{p.Friend is null},{q.Friend!.Name}");
    }

    private sealed class Lookup
    {
        public static readonly int[] Squares = BuildSquares();
        public static readonly string Greeting;

        static Lookup()
        {
            Greeting = "hi" + Squares.Length.ToString(CultureInfo.InvariantCulture);
        }

        private static int[] BuildSquares()
        {
            var a = new int[6];
            for (int i = 0; i < a.Length; i++)
                a[i] = i * i;
            return a;
        }
    }

    public static string StaticConstructorTables()
    {
        int sum = 0;
        for (int i = 0; i < Lookup.Squares.Length; i++)
            sum += Lookup.Squares[i];
        return Invariant($"{Lookup.Greeting},{sum},{Lookup.Squares[5]}");
    }
}
