using System.Numerics;

namespace Scenarios;

/// <summary>Generic classes and methods, constraints, static fields per instantiation, variance.</summary>
public static class GenericScenarios
{
    private sealed class Box<T>
    {
        public T Value;
        public readonly T[] History = new T[3];
        public int Count;

        public Box(T initial) { Value = initial; }

        public void Set(T v)
        {
            History[Count % History.Length] = Value;
            Count++;
            Value = v;
        }

        public override string ToString() => Invariant($"{Fmt.Of(Value)}[{Fmt.Join(History)}]#{Count}");
    }

    private struct Pair<TA, TB>
    {
        public TA First;
        public TB Second;

        public void Swap(Func<TA, TB> ab, Func<TB, TA> ba)
        {
            TA a = First;
            First = ba(Second);
            Second = ab(a);
        }
    }

    public static string GenericClassesAndStructs()
    {
        var ints = new Box<int>(1);
        for (int i = 2; i <= 5; i++)
            ints.Set(i * i);
        var strs = new Box<string?>(null);
        strs.Set("a");
        strs.Set("b");
        var pairs = new Box<Pair<int, string>>(default);
        pairs.Set(new Pair<int, string> { First = 3, Second = "7" });
        pairs.Value.First += 10;
        pairs.Value.Swap(x => x.ToString(CultureInfo.InvariantCulture), s => int.Parse(s, CultureInfo.InvariantCulture));
        return Invariant($"{ints};{strs};{pairs.Value.First},{pairs.Value.Second},{pairs.Count}");
    }

    private static T Max<T>(T[] items) where T : IComparable<T>
    {
        T best = items[0];
        for (int i = 1; i < items.Length; i++)
        {
            if (items[i].CompareTo(best) > 0)
                best = items[i];
        }
        return best;
    }

    private static void Swap<T>(ref T a, ref T b) => (a, b) = (b, a);

    private static T Make<T>() where T : new() => new T();

    private static T Sum<T>(T[] xs) where T : INumber<T>
    {
        T s = T.Zero;
        foreach (var x in xs)
            s += x;
        return s;
    }

    private static int CountNonNull<T>(T?[] xs) where T : class
    {
        int n = 0;
        foreach (var x in xs)
        {
            if (x is not null)
                n++;
        }
        return n;
    }

    private static T? FirstMatch<T>(T[] xs, Func<T, bool> predicate) where T : struct
    {
        foreach (var x in xs)
        {
            if (predicate(x))
                return x;
        }
        return null;
    }

    private sealed class Widget
    {
        public int Size = 3;
    }

    public static string GenericMethodsAndConstraints()
    {
        int[] ints = { 4, 9, 2, 7 };
        string[] strs = { "pear", "apple", "zoo", "fig" };
        double[] dbls = { 0.5, 1.25, 2.0 };
        Swap(ref ints[0], ref ints[3]);
        Swap(ref strs[1], ref strs[2]);
        var w = Make<Widget>();
        w.Size += Make<List<int>>().Count + 1;
        int? firstBig = FirstMatch(ints, x => x > 5);
        int? none = FirstMatch(ints, x => x > 100);
        return Invariant($"{Max(ints)},{Max(strs)},{Fmt.Join(ints)},{Fmt.Join(strs)},{Sum(ints)},{Fmt.D(Sum(dbls))},{Sum(new decimal[] { 1.5m, 2.25m })},{w.Size},{CountNonNull(new[] { "a", null, "c" })},{firstBig},{none.HasValue}");
    }

    private static class PerType<T>
    {
        public static int Hits;
        public static T? Last;

        public static void Hit(T value)
        {
            Hits++;
            Last = value;
        }

        public static void Reset()
        {
            Hits = 0;
            Last = default;
        }
    }

    private static void Touch<T>(T value) => PerType<T>.Hit(value);

    public static string GenericStaticsPerInstantiation()
    {
        PerType<int>.Reset();
        PerType<string>.Reset();
        PerType<object>.Reset();
        PerType<double>.Reset();
        PerType<long>.Reset();
        for (int i = 0; i < 5; i++)
        {
            PerType<int>.Hit(i);
            if (i % 2 == 0)
                PerType<string>.Hit("s" + i.ToString(CultureInfo.InvariantCulture));
        }
        PerType<double>.Hit(1.5);
        Touch(7L);
        Touch(8L);
        Touch("shared-code");          // reference-type instantiations share code
        Touch<object>("as-object");
        Touch<object>(42);
        return Invariant($"int:{PerType<int>.Hits}/{PerType<int>.Last} string:{PerType<string>.Hits}/{PerType<string>.Last} object:{PerType<object>.Hits}/{PerType<object>.Last} double:{PerType<double>.Hits}/{PerType<double>.Last} long:{PerType<long>.Hits}/{PerType<long>.Last}");
    }

    private sealed class ArrayStack<T>
    {
        private T[] items = new T[2];
        private int count;

        public int Count => count;

        public void Push(T item)
        {
            if (count == items.Length)
            {
                var bigger = new T[items.Length * 2];
                for (int i = 0; i < count; i++)
                    bigger[i] = items[i];
                items = bigger;
            }
            items[count++] = item;
        }

        public T Pop()
        {
            if (count == 0)
                throw new InvalidOperationException("empty");
            T item = items[--count];
            items[count] = default!;
            return item;
        }

        public int Capacity => items.Length;
    }

    private interface IProducer<out T>
    {
        T Produce();
    }

    private sealed class Constant<T> : IProducer<T>
    {
        private readonly T value;
        private int produced;

        public Constant(T value) { this.value = value; }

        public T Produce()
        {
            produced++;
            return value;
        }

        public int Produced => produced;
    }

    public static string GenericStackAndVariance()
    {
        var stack = new ArrayStack<int>();
        for (int i = 1; i <= 6; i++)
            stack.Push(i * 3);
        int a = stack.Pop();
        int b = stack.Pop();
        var names = new ArrayStack<string>();
        names.Push("x");
        names.Push("y");
        string top = names.Pop();
        string caught = "";
        try
        {
            names.Pop();
            names.Pop();
        }
        catch (InvalidOperationException e)
        {
            caught = e.Message;
        }
        var c = new Constant<string>("hello");
        IProducer<object> p = c; // covariance
        object o1 = p.Produce();
        object o2 = p.Produce();
        IEnumerable<object> objs = new List<string> { "m", "n" };
        return Invariant($"{a},{b},{stack.Count},{stack.Capacity},{top},{names.Count},{caught},{o1},{ReferenceEquals(o1, o2)},{c.Produced},{Fmt.Join(objs)}");
    }

    private interface ICounter
    {
        int Bump();
    }

    private struct StructCounter : ICounter
    {
        public int Count;

        public int Bump() => ++Count;
    }

    private sealed class ClassCounter : ICounter
    {
        public int Count;

        public int Bump() => ++Count;
    }

    private sealed class Tally
    {
        public int Total;
    }

    /// <summary>foreach over a type parameter: constrained calls to GetEnumerator, MoveNext, Current and Dispose.</summary>
    private static int SumAll<T>(T items, Tally tally) where T : IEnumerable<int>
    {
        int sum = 0;
        foreach (int item in items)
        {
            sum += item;
            tally.Total++;
        }
        return sum;
    }

    private static int CountItems<T>(T items) where T : IEnumerable
    {
        int count = 0;
        var enumerator = items.GetEnumerator();
        while (enumerator.MoveNext())
            count++;
        return count;
    }

    /// <summary>Interface calls on array elements of a type parameter: a struct element is bumped in place.</summary>
    private static int BumpEach<T>(T[] counters, Tally tally) where T : ICounter
    {
        int last = 0;
        for (int i = 0; i < counters.Length; i++)
        {
            last = counters[i].Bump();
            tally.Total += last;
        }
        return last;
    }

    private static string Describe<T>(T value, Tally tally)
    {
        tally.Total++;
        return value!.ToString() + ":" + value.Equals(value).ToString() + ":" + (value.GetHashCode() == value.GetHashCode()).ToString();
    }

    public static string ConstrainedCallsOnTypeParameters()
    {
        var tally = new Tally();
        var list = new List<int> { 3, 4, 5 };
        int sum = SumAll(list, tally) + SumAll(new[] { 10, 20 }, tally) + SumAll(new HashSet<int> { 7 }, tally);
        int count = CountItems(list) + CountItems("text") + CountItems(new Queue<string>(["a", "b"]));
        var structs = new StructCounter[3];
        var classes = new[] { new ClassCounter(), new ClassCounter { Count = 5 } };
        int lastStruct = BumpEach(structs, tally) + BumpEach(structs, tally);
        int lastClass = BumpEach(classes, tally);
        string described = Describe(42, tally) + "," + Describe("s", tally) + "," + Describe(structs[1].Count, tally);
        return Invariant($"sum={sum},count={count},structs={structs[0].Count}{structs[1].Count}{structs[2].Count},lastStruct={lastStruct},classes={classes[0].Count}{classes[1].Count},lastClass={lastClass},described={described},tally={tally.Total}");
    }
}
