namespace Scenarios;

/// <summary>static, readonly, const and volatile fields; Volatile.Read/Write on fields and array elements.</summary>
public static class FieldKindScenarios
{
    private const int Limit = 5;
    private static readonly int[] Table = new int[6];
    private static readonly string Prefix = "t";
    private static int staticPlain;
    private static volatile int staticStage;

    private sealed class Config
    {
        public readonly int Width;
        public readonly string Name;
        public readonly int[] Slots;

        public Config(int width, string name)
        {
            Width = width;
            Name = name;
            Slots = new int[width];
        }
    }

    public static string StaticReadonlyAndConst()
    {
        staticPlain = 0;
        for (int i = 0; i < Table.Length; i++)
            Table[i] = 0;
        for (int i = 0; i < Table.Length; i++)
        {
            Table[i] += i * Limit;
            staticPlain += Table[i];
        }
        var c = new Config(3, "cfg");
        c.Slots[1] = c.Width * Limit; // readonly field, mutable array
        c.Slots[2]--;
        return Invariant($"{Prefix}{Fmt.Join(Table)};{staticPlain};{c.Name}:{c.Width}:{Fmt.Join(c.Slots)}");
    }

    private sealed class Flags
    {
        public volatile bool Ready;
        public volatile int Stage;
        public volatile string? Message;
        public int Plain;
        public long Wide;
        public object? Ref;
        public double Level;
    }

    public static string VolatileFieldsAndVolatileClass()
    {
        staticStage = 0;
        staticPlain = 0;
        var f = new Flags();
        var arr = new int[4];
        var longs = new long[3];
        for (int i = 0; i < 4; i++)
        {
            f.Stage = f.Stage + i;
            Volatile.Write(ref arr[i], i * 7);
            Volatile.Write(ref f.Plain, Volatile.Read(ref f.Plain) + Volatile.Read(ref arr[i]));
        }
        f.Ready = f.Stage > 3;
        f.Message = f.Ready ? "go" : "wait";
        Volatile.Write(ref f.Wide, 1L << 40);
        Volatile.Write(ref longs[1], Volatile.Read(ref f.Wide) + 1);
        Volatile.Write(ref f.Ref, "boxed-ref");
        Volatile.Write(ref f.Level, 0.25);
        staticStage = 3;
        staticStage++;
        Volatile.Write(ref staticPlain, Volatile.Read(ref staticPlain) + 11);
        Interlocked.MemoryBarrier();
        object? r = Volatile.Read(ref f.Ref);
        return Invariant($"{f.Ready},{f.Stage},{f.Message},{f.Plain},{f.Wide},{Fmt.Join(longs)},{r},{Fmt.D(Volatile.Read(ref f.Level))},{staticStage},{staticPlain},{Fmt.Join(arr)}");
    }
}

/// <summary>Interlocked operations on instance fields, static fields and array elements.</summary>
public static class InterlockedScenarios
{
    private sealed class Stats
    {
        public int Hits;
        public long Total;
        public int Flags;
        public string? Owner;
        public double Level;
        public uint Unsigned;
    }

    private static int staticHits;
    private static long staticTotal;
    private static object? staticRef;

    public static string InterlockedOnInstanceFields()
    {
        var s = new Stats();
        var results = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            Interlocked.Increment(ref s.Hits);
            Interlocked.Add(ref s.Total, i * 1000L);
        }
        results.Add(Interlocked.Decrement(ref s.Hits).ToString(CultureInfo.InvariantCulture));
        results.Add(Interlocked.Exchange(ref s.Hits, 100).ToString(CultureInfo.InvariantCulture));
        results.Add(Interlocked.CompareExchange(ref s.Hits, 200, 100).ToString(CultureInfo.InvariantCulture)); // succeeds
        results.Add(Interlocked.CompareExchange(ref s.Hits, 300, 100).ToString(CultureInfo.InvariantCulture)); // fails
        results.Add(Interlocked.CompareExchange(ref s.Owner, "a", null) ?? "was-null");
        results.Add(Interlocked.CompareExchange(ref s.Owner, "b", "x") ?? "was-null");
        results.Add(Fmt.D(Interlocked.Exchange(ref s.Level, 2.5)));
        Interlocked.Or(ref s.Flags, 0b1010);
        Interlocked.And(ref s.Flags, 0b0110);
        Interlocked.Increment(ref s.Unsigned);
        Interlocked.Decrement(ref s.Unsigned);
        Interlocked.Decrement(ref s.Unsigned); // wraps
        results.Add(Invariant($"{s.Hits},{s.Total},{s.Flags},{s.Owner},{Fmt.D(s.Level)},{s.Unsigned},{Interlocked.Read(ref s.Total)}"));
        return string.Join(";", results);
    }

    public static string InterlockedOnStaticsAndArrays()
    {
        staticHits = 0;
        staticTotal = 0;
        staticRef = null;
        var counts = new int[4];
        var totals = new long[3];
        var names = new string?[2];
        for (int i = 0; i < 8; i++)
        {
            Interlocked.Increment(ref counts[i % 4]);
            Interlocked.Add(ref totals[i % 3], i);
            Interlocked.Increment(ref staticHits);
        }
        Interlocked.Add(ref staticTotal, 123456789012L);
        long old = Interlocked.CompareExchange(ref totals[0], -1, totals[0]);
        int swapped = Interlocked.Exchange(ref counts[3], 50);
        object? prev = Interlocked.Exchange(ref staticRef, "first");
        object? prev2 = Interlocked.CompareExchange(ref staticRef, "second", "first");
        Interlocked.CompareExchange(ref names[1], "n1", null);
        Interlocked.Exchange(ref names[0], "n0");
        return Invariant($"{Fmt.Join(counts)};{Fmt.Join(totals)};{old};{swapped};{staticHits};{staticTotal};{prev ?? "null"};{prev2};{staticRef};{Fmt.Join(names)}");
    }

    private static long s_counter;
    private static int[] s_histogram = new int[16];

    /// <summary>A static counter and a static histogram array updated in for, while and do loops whose first instruction is the static access.</summary>
    public static string StaticCountersInLoops()
    {
        s_counter = 0;
        s_histogram = new int[16];
        for (int i = 0; i < 100; i++)
            s_counter++;
        int j = 0;
        while (j < 40)
        {
            s_histogram[j % 16]++;
            j++;
        }
        do
        {
            s_counter += 2;
        }
        while (--j > 0);
        return Invariant($"{s_counter},{Fmt.Join(s_histogram)}");
    }
}
