namespace Scenarios;

/// <summary>Inheritance: virtual/abstract dispatch, interfaces with default methods, base calls, hiding.</summary>
public static class InheritanceScenarios
{
    private abstract class Shape
    {
        public static int Constructed;
        protected int sides;
        public string Name;

        protected Shape(string name, int sides)
        {
            Name = name;
            this.sides = sides;
            Constructed++;
        }

        public abstract int Area();

        public virtual string Describe() => Invariant($"{Name}/{sides}/{Area()}");
    }

    private sealed class Rectangle : Shape
    {
        public int W;
        public int H;

        public Rectangle(int w, int h) : base("rect", 4)
        {
            W = w;
            H = h;
        }

        public override int Area() => W * H;
    }

    private class Triangle : Shape
    {
        public int B;
        public int Height;

        public Triangle(int b, int h) : base("tri", 3)
        {
            B = b;
            Height = h;
        }

        public override int Area() => B * Height / 2;

        public override string Describe() => "<" + base.Describe() + ">";
    }

    private sealed class RightTriangle : Triangle
    {
        public RightTriangle(int a) : base(a, a) { Name = "right"; }

        public override string Describe() => base.Describe() + "!";
    }

    public static string VirtualAndAbstractDispatch()
    {
        Shape.Constructed = 0;
        Shape[] shapes = { new Rectangle(3, 4), new Triangle(6, 5), new RightTriangle(4), new Rectangle(1, 1) };
        int total = 0;
        var sb = new StringBuilder();
        foreach (var s in shapes)
        {
            total += s.Area();
            sb.Append(s.Describe()).Append(' ');
        }
        ((Rectangle)shapes[0]).W = 10;
        ((Triangle)shapes[2]).B = 8;
        sb.Append(Invariant($"total={total} after={shapes[0].Area()},{shapes[2].Area()} constructed={Shape.Constructed}"));
        return sb.ToString();
    }

    private interface ICounter
    {
        int Value { get; }

        void Inc();

        void IncBy(int n)
        {
            for (int i = 0; i < n; i++)
                Inc();
        }

        string Show() => "counter=" + Value.ToString(CultureInfo.InvariantCulture);
    }

    private interface INamed
    {
        string Name { get; }
    }

    private sealed class SimpleCounter : ICounter
    {
        public int Value { get; private set; }

        public void Inc() => Value++;
    }

    private sealed class FastCounter : ICounter
    {
        public int Value { get; private set; }
        public int Calls;

        public void Inc()
        {
            Value++;
            Calls++;
        }

        public void IncBy(int n)
        {
            Value += n;
            Calls++;
        }
    }

    private sealed class Explicit : ICounter, INamed
    {
        private int v;

        int ICounter.Value => v;

        void ICounter.Inc() => v += 10;

        string INamed.Name => "explicit";

        string ICounter.Show() => "explicit=" + v.ToString(CultureInfo.InvariantCulture);
    }

    public static string InterfacesAndDefaultMethods()
    {
        var fast = new FastCounter();
        ICounter[] counters = { new SimpleCounter(), fast, new Explicit() };
        var sb = new StringBuilder();
        foreach (var c in counters)
        {
            c.Inc();
            c.IncBy(3);
            sb.Append(c.Show()).Append(';');
        }
        string name = counters[2] is INamed n ? n.Name : "-";
        return sb.Append(Invariant($"calls={fast.Calls} name={name}")).ToString();
    }

    private class BaseInit
    {
        public static List<string> Log = new();
        protected int baseField = Note("base-field-init", 1);

        protected BaseInit()
        {
            Note("base-ctor", 0);
            Describe();
        }

        protected virtual void Describe() => Note("base-describe", 0);

        protected static int Note(string s, int v)
        {
            Log.Add(s);
            return v;
        }
    }

    private sealed class DerivedInit : BaseInit
    {
        private readonly int derivedField = Note("derived-field-init", 7);
        private int setInCtor;

        public DerivedInit()
        {
            Note("derived-ctor", 0);
            setInCtor = 5;
            Describe();
        }

        protected override void Describe() => Note(Invariant($"derived-describe:{derivedField},{setInCtor},{baseField}"), 0);
    }

    public static string ConstructorOrderAndVirtualCallInConstructor()
    {
        BaseInit.Log = new List<string>();
        _ = new DerivedInit();
        return string.Join("|", BaseInit.Log);
    }

    private class Animal
    {
        public int Legs = 4;

        public string Speak() => "...";

        public virtual string Move() => Invariant($"walks on {Legs}");
    }

    private sealed class Bird : Animal
    {
        public new int Legs = 2;

        public new string Speak() => "tweet";

        public override string Move() => "flies, or " + base.Move();
    }

    public static string HidingAndBaseCalls()
    {
        var bird = new Bird();
        Animal asAnimal = bird;
        bird.Legs = 1;
        asAnimal.Legs = 6; // the hidden base field
        return Invariant($"{bird.Speak()},{asAnimal.Speak()},{bird.Move()},{asAnimal.Move()},{bird.Legs},{asAnimal.Legs}");
    }
}
