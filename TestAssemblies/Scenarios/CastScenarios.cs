namespace Scenarios;

/// <summary>Boxing/unboxing, is/as casts, array covariance, and runtime exceptions caught (index, null, cast, divide).</summary>
public static class CastScenarios
{
    private interface IBump
    {
        void Bump();

        int Get();
    }

    private struct Counter : IBump
    {
        private int n;

        public void Bump() => n++;

        public readonly int Get() => n;
    }

    private sealed class Slot
    {
        public object? Boxed;
        public object?[] Items = new object?[4];
    }

    public static string BoxingAndUnboxing()
    {
        var s = new Slot();
        s.Boxed = 41;
        s.Boxed = (int)s.Boxed + 1;
        object o = new Counter();
        ((IBump)o).Bump();
        ((IBump)o).Bump(); // mutates the box
        var unboxed = (Counter)o;
        unboxed.Bump(); // mutates a copy
        s.Items[0] = 3.5;
        s.Items[1] = 'q';
        s.Items[2] = (long)7;
        int? nothing = null;
        s.Items[3] = nothing; // boxes to null
        string wrong;
        try
        {
            int bad = (int)s.Items[2]!;
            wrong = bad.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidCastException)
        {
            wrong = "invalid-cast";
        }
        object e = DayOfWeek.Friday;
        int asInt = (int)(DayOfWeek)e;
        return Invariant($"{s.Boxed},{((IBump)o).Get()},{unboxed.Get()},{Fmt.Join(s.Items)},{wrong},{asInt},{s.Items[3] is null},{s.Boxed.Equals(42)}");
    }

    private interface IShape
    {
        int Area { get; }
    }

    private class Animal
    {
        public string Name = "animal";
    }

    private sealed class Dog : Animal, IShape
    {
        public int Area => 6;
    }

    public static string IsAsAndCasts()
    {
        object[] things = { new Dog { Name = "rex" }, new Animal(), "text", 12, new List<int> { 1 } };
        var parts = new List<string>();
        foreach (var t in things)
        {
            var a = t as Animal;
            var shape = t as IShape;
            string kind = t is Dog ? "dog" : t is Animal ? "animal" : t is string ? "string" : t is IEnumerable<int> ? "ints" : "?";
            parts.Add(Invariant($"{kind}:{a?.Name ?? "-"}:{shape?.Area ?? -1}"));
        }
        try
        {
            var d = (Dog)things[1];
            parts.Add(d.Name);
        }
        catch (InvalidCastException)
        {
            parts.Add("not-a-dog");
        }
        Animal up = (Dog)things[0];
        up.Name += "!";
        parts.Add(((Dog)things[0]).Name);
        return string.Join(",", parts);
    }

    public static string ArrayCovariance()
    {
        var strings = new string[3];
        object[] objects = strings; // covariant view
        var log = new List<string>();
        objects[0] = "x";
        try
        {
            objects[1] = 1;
            log.Add("stored-int");
        }
        catch (ArrayTypeMismatchException)
        {
            log.Add("mismatch");
        }
        try
        {
            ref object slot = ref objects[2]; // ldelema checks the exact element type
            slot = "y";
            log.Add("ref-ok");
        }
        catch (ArrayTypeMismatchException)
        {
            log.Add("ref-mismatch");
        }
        objects[2] = "z";
        Animal[] animals = new Dog[2];
        animals[0] = new Dog();
        try
        {
            animals[1] = new Animal();
        }
        catch (ArrayTypeMismatchException)
        {
            log.Add("animal-mismatch");
        }
        IEnumerable<object> seq = strings;
        int count = 0;
        foreach (var s in seq)
        {
            if (s is not null)
                count++;
        }
        log.Add(Invariant($"{Fmt.Join(strings)},{objects.GetType().Name},{count},{animals[1] is null}"));
        return string.Join(";", log);
    }

    private sealed class Node
    {
        public int Value;
        public Node? Next;
    }

    private static int Third(Node n) => n.Next!.Next!.Value;

    public static string RuntimeExceptionsCaught()
    {
        var log = new List<string>();
        var arr = new int[3];
        for (int i = -1; i <= 3; i++)
        {
            try
            {
                arr[i] = i;
                log.Add("w" + i.ToString(CultureInfo.InvariantCulture));
            }
            catch (IndexOutOfRangeException)
            {
                log.Add("oob" + i.ToString(CultureInfo.InvariantCulture));
            }
        }
        var n = new Node { Value = 1, Next = new Node { Value = 2 } };
        try
        {
            log.Add(Third(n).ToString(CultureInfo.InvariantCulture));
        }
        catch (NullReferenceException)
        {
            log.Add("nre-field");
        }
        int[]? missing = null;
        try
        {
            missing![0] = 1;
        }
        catch (NullReferenceException)
        {
            log.Add("nre-array");
        }
        Node? none = null;
        try
        {
            none!.Value++;
        }
        catch (NullReferenceException)
        {
            log.Add("nre-inc");
        }
        try
        {
            _ = new Dictionary<int, int>()[5];
        }
        catch (KeyNotFoundException)
        {
            log.Add("key");
        }
        return string.Join(",", log) + ";" + Fmt.Join(arr);
    }
}
