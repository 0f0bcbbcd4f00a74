namespace Scenarios;

/// <summary>Operator overloads: arithmetic, equality, comparison, ++, true/false, checked operators, implicit/explicit conversions.</summary>
public static class OperatorScenarios
{
    private readonly struct Money : IEquatable<Money>
    {
        public readonly long Cents;

        public Money(long cents) { Cents = cents; }

        public static Money operator +(Money a, Money b) => new(a.Cents + b.Cents);

        public static Money operator checked +(Money a, Money b) => new(checked(a.Cents + b.Cents));

        public static Money operator -(Money a, Money b) => new(a.Cents - b.Cents);

        public static Money operator -(Money a) => new(-a.Cents);

        public static Money operator *(Money a, int k) => new(a.Cents * k);

        public static bool operator ==(Money a, Money b) => a.Cents == b.Cents;

        public static bool operator !=(Money a, Money b) => a.Cents != b.Cents;

        public static bool operator <(Money a, Money b) => a.Cents < b.Cents;

        public static bool operator >(Money a, Money b) => a.Cents > b.Cents;

        public static implicit operator Money(int dollars) => new(dollars * 100L);

        public static explicit operator long(Money m) => m.Cents;

        public static explicit operator Money(double dollars) => new((long)Math.Round(dollars * 100));

        public bool Equals(Money other) => Cents == other.Cents;

        public override bool Equals(object? obj) => obj is Money m && Equals(m);

        public override int GetHashCode() => Cents.GetHashCode();

        public override string ToString() => Invariant($"${Cents / 100}.{Math.Abs(Cents % 100):D2}");
    }

    private sealed class Wallet
    {
        public Money Cash = 5;
        public Money[] History = new Money[3];
    }

    public static string MoneyStruct()
    {
        var w = new Wallet();
        Money fee = (Money)1.25;
        for (int i = 0; i < 3; i++)
        {
            w.History[i] = w.Cash;
            w.Cash += (Money)0.5 * (i + 1);
            w.Cash -= fee;
        }
        w.Cash = -w.Cash + 20;
        bool eq = w.History[0] == 5;
        bool lt = w.History[2] < w.History[1];
        string overflow;
        try
        {
            var big = new Money(long.MaxValue);
            _ = checked(big + fee);
            overflow = "none";
        }
        catch (OverflowException)
        {
            overflow = "checked+";
        }
        Money wrapped = unchecked(new Money(long.MaxValue) + new Money(1));
        return Invariant($"{w.Cash},{Fmt.Join(w.History)},{eq},{lt},{(long)w.Cash},{w.Cash.Equals((object)w.Cash)},{overflow},{wrapped.Cents < 0}");
    }

    private sealed class Vec
    {
        public int X;
        public int Y;

        public Vec(int x, int y)
        {
            X = x;
            Y = y;
        }

        public static Vec operator +(Vec a, Vec b) => new(a.X + b.X, a.Y + b.Y);

        public static Vec operator ++(Vec a) => new(a.X + 1, a.Y + 1);

        public static bool operator true(Vec v) => v.X != 0 || v.Y != 0;

        public static bool operator false(Vec v) => v.X == 0 && v.Y == 0;

        public static Vec operator &(Vec a, Vec b) => new(a.X & b.X, a.Y & b.Y);

        public static Vec operator |(Vec a, Vec b) => new(a.X | b.X, a.Y | b.Y);

        public static implicit operator (int, int)(Vec v) => (v.X, v.Y);

        public static explicit operator Vec((int X, int Y) t) => new(t.X, t.Y);

        public override string ToString() => Invariant($"<{X},{Y}>");
    }

    private sealed class Body
    {
        public Vec Position = new(0, 0);
        public Vec Velocity = new(1, 2);
    }

    public static string ClassOperatorsAndConversions()
    {
        var b = new Body();
        var log = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            b.Position += b.Velocity;
            b.Velocity++;
        }
        var before = b.Velocity;
        var alias = b.Velocity;
        alias++; // a new object: b.Velocity is unchanged
        log.Add(Invariant($"{b.Position},{b.Velocity},{alias},{ReferenceEquals(before, b.Velocity)}"));
        var zero = new Vec(0, 0);
        log.Add(zero ? "zero-true" : "zero-false");
        log.Add((zero && b.Position).ToString()!);
        log.Add((b.Position || zero).ToString()!);
        (int x, int y) = ((int, int))b.Position;
        var back = (Vec)(x * 2, y * 2);
        log.Add(Invariant($"{x},{y},{back}"));
        return string.Join(";", log);
    }
}
