// stmweave fuzz finding: jit (default): the JIT took 8.8 s to compile Program::Section0 (16 s in the full program); the original's slowest method 8 ms
// seed=8 index=123, reduced by hand to its Section0 (the reducer, which times the JIT at every
// edit, removed little): every save copied every local and every shadow was a tracked local live
// into the frame's handler, so the JIT's SSA gave each handler's φs an argument from every block
// (8.8 s to compile, the original 8 ms; 0.3 s once saves copy the live locals and shadows are read
// through TxDescriptor.Restore).
// fuzz: optimize=true abort-period=19
#nullable disable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using static Program;

interface IShape { int Area(int k); }
interface IBump { void Bump(int d); }
sealed class FuzzException : Exception
{
    public readonly int Code;
    public FuzzException(int code) : base("fuzz " + code) { Code = code; }
}
static class Tally<T> { public static int s_hits; public static long s_sum; }
sealed class Cell<T>
{
    public T Value;
    public int Reads;
    public Cell(T value) { Value = value; }
    public T Get() { Reads++; return Value; }
}
struct Pair0 : IShape, IBump
{
    public int A;
    public int B;
    public long C;
    public Pair0(int a, int b)
    {
        A = a;
        B = b;
        C = a * 10L + b;
    }
    public int Area(int k) => unchecked(A * k + B);
    public void Bump(int d)
    {
        A = unchecked(A + d);
        B ^= d;
        C++;
    }
    public override string ToString() => "Pair0(" + A + "," + B + ")";
}
class Node0
{
    public int X0;
    public long Y0;
    public readonly int R0;
    public volatile int V0;
    public Node0 Next0;
    public Pair0 Duo0;
    public static int s_count0;
    public static readonly int s_seed0 = 3;
    [ThreadStatic]
    public static int t_seen0;
    static Node0()
    {
        s_count0 = 100;
    }
    public int P0 { get; set; }
    public int Sum0 => unchecked(X0 + R0);
    public Node0(int seed)
    {
        X0 = seed;
        R0 = unchecked(seed * 7 + 0);
        Y0 = seed * 1000L;
        s_count0++;
        P0 = seed & 3;
    }
    public virtual int M(int x)
    {
        x++;
        var l0 = new List<int> { (36 << (s_table.Length & 7)), Math.Clamp((-1), -50, 50) };
        return ((39 >> (s_a & 7)) ^ 18);
    }
    public IEnumerable<int> Walk0(int n)
    {
        Node0 cur = this;
        for (int i = 0; i < n && cur != null; i++)
        {
            yield return unchecked(cur.X0 + i);
            cur = cur.Next0;
        }
    }
}
class Node1 : IShape
{
    public int X1;
    public long Y1;
    public readonly int R1;
    public volatile int V1;
    public Node1 Next1;
    public List<int> Items1 = new List<int> { 1 };
    public static int s_count1;
    public static readonly int s_seed1 = 10;
    [ThreadStatic]
    public static int t_seen1;
    static Node1()
    {
        s_count1 = 101;
    }
    public Node1(int seed)
    {
        X1 = seed;
        R1 = unchecked(seed * 7 + 1);
        Y1 = seed * 1000L;
        s_count1++;
    }
    public virtual int M(int x)
    {
        this.X1 = s_a;
        Func<int, int> f0 = x1 => Recurse(2, Node1.t_seen1);
        return ((this.V1 * 53) / ((s_flag & 15) | 1));
    }
    public int Area(int k) => unchecked(X1 * k + R1);
}
class Node2 : IShape
{
    public int X2;
    public long Y2;
    public readonly int R2;
    public Node2 Next2;
    public Pair0 Duo2;
    public static int s_count2;
    public static readonly int s_seed2 = 17;
    [ThreadStatic]
    public static int t_seen2;
    public int P2 { get; set; }
    public int Sum2 => unchecked(X2 + R2);
    public Node2(int seed)
    {
        X2 = seed;
        R2 = unchecked(seed * 7 + 2);
        Y2 = seed * 1000L;
        s_count2++;
        P2 = seed & 3;
    }
    public virtual int M(int x)
    {
        Node1 o0 = new Node1(Math.Min(9, s_a));
        o0.Next1 = new Node1(3);
        Sink((((s_table[Idx(this.R2, 6)]) switch { 0 => Node3.t_seen3, 1 or 2 => this.X2, > 40 and < 50 => o0.R1, < 0 => s_node.X0, _ => (-5) }) + ((int.MaxValue >> (this.X2 & 7)) + this.X2)));
        return o0.Area(this.Next2.X2);
    }
    public int Area(int k) => unchecked(X2 * k + R2);
    public IEnumerable<int> Walk2(int n)
    {
        Node2 cur = this;
        for (int i = 0; i < n && cur != null; i++)
        {
            yield return unchecked(cur.X2 + i);
            cur = cur.Next2;
        }
    }
}
class Node3 : Node0, IShape
{
    public int X3;
    public long Y3;
    public readonly int R3;
    public Node3 Next3;
    public Pair0 Duo3;
    public static int s_count3;
    public static readonly int s_seed3 = 24;
    [ThreadStatic]
    public static int t_seen3;
    static Node3()
    {
        s_count3 = 103;
    }
    public int P3 { get; set; }
    public int Sum3 => unchecked(X3 + R3);
    public Node3(int seed) : base(seed + 3)
    {
        X3 = seed;
        R3 = unchecked(seed * 7 + 3);
        Y3 = seed * 1000L;
        s_count3++;
        P3 = seed & 3;
    }
    public override int M(int x)
    {
        this.V0++;
        Sink(Volatile.Read(ref Tally<int>.s_hits));
        return unchecked(base.M(x) + (Node0.s_seed0 + this.X3));
    }
    public int Area(int k) => unchecked(X3 * k + R3);
    public IEnumerable<int> Walk3(int n)
    {
        Node3 cur = this;
        for (int i = 0; i < n && cur != null; i++)
        {
            yield return unchecked(cur.X3 + i);
            cur = cur.Next3;
        }
    }
}
static class Program
{
    internal static long s_checksum;
    internal static readonly object s_gate = new object();
    internal static readonly Lock s_lock = new Lock();
    internal static int s_a;
    internal static long s_total;
    internal static volatile int s_flag;
    [ThreadStatic]
    internal static int t_local;
    internal static readonly int[] s_table = { 3, 1, 4, 1, 5, 9 };
    internal static int[] s_array;
    internal static int[][] s_jagged;
    internal static int[,] s_grid;
    internal static Pair0 s_pair;
    internal static Node0 s_node;
    internal static long s_race;
    static Program()
    {
        s_array = new int[8];
        s_jagged = new int[][] { new int[2], new int[3], new int[4] };
        s_grid = new int[3, 4];
        s_pair = new Pair0(1, 2);
        s_node = new Node0(4);
        s_a = 41;
    }
    internal static void Sink(long value) => s_checksum = unchecked(s_checksum * 1000003 + value);
    internal static int Idx(int value, int length) => (value & int.MaxValue) % length;
    internal static int Hash(string text)
    {
        int hash = 17;
        foreach (char c in text)
            hash = unchecked(hash * 31 + c);
        return hash;
    }
    internal static void Report(string name, Action section)
    {
        try
        {
            section();
        }
        catch (Exception exception)
        {
            Console.WriteLine(name + " threw " + exception.GetType().Name);
        }
        Console.WriteLine(name + " " + s_checksum);
    }
    internal static void Race(string name, long actual, long expected) =>
        Console.WriteLine(actual == expected ? "race " + name + " ok" : "race " + name + " LOST " + actual + " of " + expected);
    internal static void AddTo(ref int target, int value)
    {
        target = unchecked(target + value);
        if ((value & 3) == 0)
            target ^= 0x55;
    }
    internal static bool TryHalf(int value, out int half)
    {
        half = value / 2;
        return (value & 1) == 0;
    }
    internal static ref int Pick(int[] array, int index) => ref array[Idx(index, array.Length)];
    internal static int Deep(int depth, int code)
    {
        if (depth <= 0)
            throw new FuzzException(code);
        return Deep(depth - 1, unchecked(code + 1)) + 1;
    }
    internal static int Recurse(int n, int acc) => n <= 0 ? acc : Recurse(n - 1, unchecked(acc * 3 + n));
    internal static int Measure<T>(T shape, int k) where T : IShape => unchecked(shape.Area(k) + shape.ToString().Length);
    internal static void BumpRef<T>(ref T item, int d) where T : struct, IBump => item.Bump(d);
    internal static int BumpAll<T>(T[] items, int d) where T : struct, IBump, IShape
    {
        int sum = 0;
        for (int i = 0; i < items.Length; i++)
        {
            items[i].Bump(d);
            sum = unchecked(sum + items[i].Area(1));
        }
        return sum;
    }
    internal static int SumAll<T>(T items) where T : IEnumerable<int>
    {
        int sum = 0;
        foreach (int item in items)
            sum = unchecked(sum + item);
        return sum;
    }
    internal static string Describe<T>(T value) => value is null ? "null" : value.ToString();
    internal static IEnumerable<int> Seq0(int n, int step)
    {
        try
        {
            for (int i = 0; i < n; i++)
            {
                yield return (n - Node0.s_seed0);
                string s0 = $"s{(-6)}";
                yield return (Node2.s_count2 % ((s0.IndexOf('a') & 15) | 1));
            }
        }
        finally
        {
            step |= s_table.Length;
            try
            {
                var c1 = new Cell<int>(((n * Node2.s_count2) & (((Node2.s_count2 != 10) ? step : n) | s_a)));
                s_grid[Idx(n, 3), Idx((2 * Node0.t_seen0), 4)] <<= (c1.Get() & 7);
                s_total ^= s_total;
            }
            catch (InvalidCastException ex2)
            {
                Sink(Hash(ex2.GetType().Name));
            }
            finally
            {
                long v3 = ((s_total - s_total) ^ (s_total ^ (s_total * s_total)));
            }
        }
    }
    internal static int Helper0(int a, int b, Node1 n)
    {
        s_jagged[Idx(8, 3)][Idx(Math.Min(b, 21), 2)]--;
        return ((((Node2.s_seed2 ^ 0) & 1) == 0) ? ((Node2.t_seen2 >> (n.X1 & 7)) & (5 % ((n.X1 & 15) | 1))) : (s_a * 60));
    }
    internal static int Helper1(int a, int b)
    {
        var c0 = new Cell<Pair0>(new Pair0(Node2.t_seen2, 1));
        Pick(s_array, (Node2.t_seen2 ^ unchecked((44 - 34)))) ^= SumAll(Seq0(2, Math.Abs(38 % 1000)));
        try
        {
            Node2.t_seen2 = checked(((s_a ^ s_table.Length) + unchecked((3 ^ 35))) * c0.Value.A + Hash((s_node.X0).ToString()));
        }
        catch (OverflowException)
        {
            Node2.t_seen2 = 0;
        }
        try
        {
            Node1.s_count1 = checked(Idx(37, 64) * unchecked((-57)) + (Seq0(7, Tally<Node0>.s_hits).LastOrDefault() * s_pair.A));
        }
        catch (OverflowException)
        {
            Node1.s_count1 = 2;
        }
        return (((-Tally<string>.s_hits)) switch { 0 => ((-2) % ((a & 15) | 1)), 1 or 2 => 22, > 40 and < 50 => (a * s_pair.B), < 0 => ((s_node.X0) switch { 0 => int.MaxValue, 1 or 2 => Node3.s_count3, > 40 and < 50 => a, < 0 => 12, _ => b }), _ => Node2.s_count2 });
    }
    internal static int Helper2(int a, int b, Node2 n)
    {
        {
            int g1 = 0;
        L0:;
            string s2 = $"a:{(s_node.X0 + ((-4) + s_node.X0))}";
            s2 = string.Concat(s2.Length > 20 ? s2.Substring(5, 8) : s2, "/", ((Node1.t_seen1 << (Node2.s_count2 & 7))).ToString());
            n.Next2 = new Node2((int)(s_total));
            int Local3(int q4)
            {
                bool taken5 = false;
                try
                {
                    Monitor.Enter(n, ref taken5);
                    int v6 = n.X2;
                    Interlocked.Increment(ref v6);
                }
                finally
                {
                    if (taken5) Monitor.Exit(n);
                }
                return Measure(n, g1);
            }
            lock (s_gate)
            {
                if (!(((2 & 1) == 1) || (n.Next2 != null)))
                {
                    Node2.s_count2++;
                    b <<= (a & 7);
                }
                else
                {
                    Sink((-Node0.s_seed0));
                }
            }
            if (++g1 < 2) goto L0;
        }
    L0_exit:;
        Node2.s_count2 += ((33 & (Node1.s_count1 >> (s_array[Idx(Node3.s_count3, 8)] & 7))) | Measure(n, (((30 & 3) == 1) ? Node0.s_seed0 : s_array[Idx((s_table.Length ^ Node2.t_seen2), 8)])));
        var c7 = new Cell<int>((Math.Max(a, Helper1(49, Node2.t_seen2)) % ((n.M((Node0.t_seen0 - n.Duo2.B)) & 15) | 1)));
        n.Y2 ^= ((((long)s_grid[Idx((51 / ((Node3.t_seen3 & 15) | 1)), 3), Idx(10, 4)] * 94711L) ^ (s_total - s_total)) * ((s_total + ((long)s_table.Length * 51404L)) - s_total));
        a--;
        return n.M(Node0.t_seen0);
    }
    internal static int Helper3(int a, int b)
    {
        Node3.t_seen3++;
        s_a |= Math.Max(s_jagged[Idx(26, 3)][Idx(Math.Abs(56 % 1000), 2)], 60);
        Node1.s_count1 <<= ((s_a + ((-2) & s_flag)) & 7);
        try
        {
            s_total ^= (((((long)b * 63206L) ^ s_total) * s_total) * (s_total * s_total));
            s_total += (s_total | (s_total + s_total));
        }
        catch (Exception ex0) when (ex0 is FuzzException { Code: > -2 })
        {
            Sink(Hash(ex0.GetType().Name));
            if (((s_a << (20 & 7)) <= 31))
            {
                var sb1 = new StringBuilder("a");
                Volatile.Write(ref s_a, (SumAll(Seq0(1, (s_node.X0 << (50 & 7)))) & Hash(sb1.ToString())));
            }
            {
                ref int r2 = ref Node1.t_seen1;
                r2 ^= a;
                if (((ex0.GetType().Name.Length & 1) == 0))
                {
                    s_table[Idx(Tally<Node1>.s_hits, 6)]++;
                    Node1.t_seen1 |= 6;
                }
                bool v3 = ((ex0.GetType().Name.Length ^ 15) == (ex0.GetType().Name.Length - 9));
            }
            try
            {
                Action act4 = () =>
                {
                    a--;
                    int v5 = ((37 + (Node1.t_seen1 ^ 41)) * (19 ^ Math.Min(59, 59)));
                };
                {
                    ref int r6 = ref a;
                    r6 = (((Node0.s_count0 * 0)) switch { 0 => (Node3.s_seed3 - r6), 1 or 2 => Node1.s_count1, > 40 and < 50 => 14, < 0 => Node3.s_seed3, _ => a });
                }
            }
            catch (NullReferenceException ex7)
            {
                Sink(Hash(ex7.GetType().Name));
                a += ((Node3.s_count3) switch { 0 => ((ex7.GetType().Name.Length) switch { 0 => Tally<Pair0>.s_hits, 1 or 2 => 24, > 40 and < 50 => 18, < 0 => ex0.GetType().Name.Length, _ => Node1.t_seen1 }), 1 or 2 => (-3), > 40 and < 50 => s_node.X0, < 0 => ((61) switch { 0 => 40, 1 or 2 => b, > 40 and < 50 => Node0.s_seed0, < 0 => 13, _ => ex0.GetType().Name.Length }), _ => Node2.s_seed2 });
            }
            finally
            {
                long v8 = ((((long)ex0.GetType().Name.Length * 41632L) + (s_total | s_total)) | ((s_total - s_total) ^ (s_total * s_total)));
            }
        }
        catch (Exception ex9)
        {
            Sink(Hash(ex9.GetType().Name));
        }
        return (-Helper1(Math.Max(s_node.X0, a), s_flag));
    }
    static void Section0()
    {
        int[] a0 = new int[2];
        Pair0[] ps1 = new Pair0[1];
        int v8 = ((Seq0(4, a0[Idx(Math.Max(s_grid[Idx(Describe(s_node.X0).Length, 3), Idx(42, 4)], s_table[Idx((-3), 6)]), 2)]).Sum()) switch { 0 => Node1.s_count1, 1 or 2 => (s_a + ps1[Idx(Node0.t_seen0, 1)].B), > 40 and < 50 => 55, < 0 => ((s_flag < Node0.t_seen0) ? s_jagged[Idx(((-1) + a0[Idx((24 << (Node1.s_count1 & 7)), 2)]), 3)][Idx((a0[Idx(((s_array[Idx(Node0.s_count0, 8)] > a0[Idx(28, 2)]) ? Node0.s_count0 : s_table.Length), 2)] + int.MinValue), 2)] : Node2.s_count2), _ => (a0[Idx(Node0.t_seen0, 2)] - Node0.s_seed0) });
        Node0 o9 = new Node0(s_array[Idx(v8, 8)]);
        try
        {
            int g10 = 0;
            do
            {
                o9 = new Node3(Helper3(s_node.X0, Tally<Pair0>.s_hits));
                if (TryHalf(Math.Abs((s_array[Idx((Tally<long>.s_hits | s_a), 8)] - 9) % 1000), out int half13))
                {
                    Sink(half13);
                }
            } while (++g10 < 5 && (o9 is Node3));
            foreach (var e16 in ps1)
            {
                o9 = new Node3(Helper3(o9.Next0.X0, a0.Length));
                var h19 = new HashSet<int> { Node2.s_count2 };
            }
            o9.Next0.X0 += (Helper1(Helper3(ps1[Idx(o9.X0, 1)].A, s_pair.A), (o9 switch { Node3 n24 => s_table[Idx(o9.P0, 6)], Node0 n25 => Node2.s_count2, _ => o9.R0 })) / ((v8 & 15) | 1));
        }
        catch (FuzzException ex26) when (ex26.Code > 15)
        {
            Sink(ex26.Code);
            Node1.t_seen1 *= Helper1(s_table.Length, Node2.s_seed2);
            s_a++;
            foreach (int e29 in Enumerable.Range(((o9.V0 < 52) ? o9.X0 : o9.R0) & 7, 6))
            {
                string s30 = $"1-{(v8 / ((unchecked(((-5) - 50)) & 15) | 1))}";
            }
            Node2.t_seen2 *= (((Node1.s_seed1 + o9.V0)) switch { 0 => s_jagged[Idx(a0[Idx(Node0.t_seen0, 2)], 3)][Idx(a0[Idx(s_pair.A, 2)], 2)], 1 or 2 => 26, > 40 and < 50 => o9.X0, < 0 => Node3.s_seed3, _ => 62 });
        }
        catch (FuzzException ex31)
        {
            Sink(ex31.Code);
            BumpRef(ref ps1[Idx(Helper1(Node2.s_count2, v8), 1)], Math.Clamp(v8, -50, 50));
            Node1.s_count1 <<= (((int)(((long)o9.Sum0 * 68464L)) << ((ex31.Code / ((o9.P0 & 15) | 1)) & 7)) & 7);
            switch (Math.Min(Node2.s_seed2, (((o9.X0 & 3) == 0) ? 46 : o9.R0)) % 5)
            {
                case -1:
                {
                    a0[Idx(o9.Sum0, 2)] |= 49;
                    break;
                }
                case 7:
                {
                    {
                        ref int r38 = ref ps1[Idx(Node1.s_count1, 1)].A;
                        r38 = v8;
                        s_total += ((long)(a0[Idx(unchecked((((44 & 7) == 0) ? 45 : 62)), 2)] / ((o9.Duo0.B & 15) | 1)) * 36792L);
                        v8 |= (o9.R0 | ps1[Idx((-v8), 1)].B);
                    }
                    break;
                }
                default:
                {
                    Sink(ex31.Code);
                    s_pair.A += Math.Min((o9.X0 + o9.Duo0.B), ((Node0.s_seed0 < 60) ? 52 : Node0.s_seed0));
                    break;
                }
            }
            switch (s_table[Idx(14, 6)] & 7)
            {
                case 0:
                {
                    Sink(s_total);
                    break;
                }
                default:
                {
                    s_grid[Idx(ps1[Idx(Helper3(Node1.s_count1, Node1.s_seed1), 1)].B, 3), Idx((o9 switch { Node3 n43 => s_jagged[Idx(((n43.Duo0.A) switch { 0 => o9.Sum0, 1 or 2 => Node2.t_seen2, > 40 and < 50 => ex31.Code, < 0 => Node3.s_seed3, _ => s_flag }), 3)][Idx(unchecked((28 - 47)), 2)], Node0 n44 => n44.X0, _ => o9.M(Node3.s_count3) }), 4)]++;
                    Sink((Seq0(4, v8).LastOrDefault() / ((s_a & 15) | 1)));
                    break;
                }
            }
        }
        Node0 o49 = new Node0(((int)((s_total - ((long)o9.V0 * 87727L))) + (((t_local + v8)) switch { 0 => s_flag, 1 or 2 => Node1.s_seed1, > 40 and < 50 => Helper1(29, o9.X0), < 0 => Helper3(62, 41), _ => unchecked((~46)) })));
        o49.Y0 -= (((long)((-3) + a0[Idx((ps1[Idx(Node3.t_seen3, 1)].A << (ps1[Idx(44, 1)].A & 7)), 2)]) * 23364L) - o9.Y0);
        Node1.s_count1++;
        switch ((52 / (((~(int)(s_total)) & 15) | 1)) % 5)
        {
            case -3:
            {
                if ((o9.Next0 != null))
                {
                    checked
                    {
                        o9.V0 -= Hash((o9.P0).ToString());
                    }
                }
                for (int i58 = 0, j59 = 5; i58 < 6; i58++, j59--)
                {
                    static int Local60(int q61)
                    {
                        var h62 = new HashSet<int> { s_jagged[Idx(Node3.s_count3, 3)][Idx(q61, 2)] };
                        Interlocked.Add(ref Node2.s_count2, 56);
                        return 39;
                    }
                }
                {
                    ref int r63 = ref Node0.t_seen0;
                    r63 = ((v8) switch { 0 => int.MinValue, 1 or 2 => Node3.s_seed3, > 40 and < 50 => (~o49.R0), < 0 => (r63 + 57), _ => ps1[Idx(o9.Duo0.A, 1)].B });
                }
                break;
            }
            case -2:
            {
                foreach (int e64 in Enumerable.Range((20 % ((v8 & 15) | 1)) & 7, 4))
                {
                    if (((~v8) == (Node3.s_count3 >> (e64 & 7))))
                    {
                        s_total = ((long)o9.M(((2 <= Node3.s_count3) ? s_node.X0 : s_node.X0)) * 26578L);
                    }
                }
                string s67 = $"1-{o9.M(ps1[Idx(o9.X0, 1)].A)}";
                var c70 = new Cell<Pair0>(new Pair0((int)((((long)ps1[Idx(Node2.t_seen2, 1)].A * 52021L) - (s_total - ((long)o9.X0 * 8454L)))), 7));
                break;
            }
            default:
            {
                s_array[Idx(41, 8)] = a0.Length;
                break;
            }
        }
        try
        {
            try
            {
                Node1.t_seen1 <<= ((o9.R0 & (Node1.s_seed1 & 63)) & 7);
                if ((o49.Next0 != null)) return;
            }
            catch (FuzzException ex71)
            {
                Sink(ex71.Code);
                Sink(((Helper1(o49.P0, o49.P0) >= Node1.s_count1) ? (o49.Sum0 * s_a) : (40 + (o9.Sum0 ^ s_node.X0))));
                for (int i74 = 0; i74 < 1; i74++)
                {
                    Interlocked.Decrement(ref t_local);
                    Sink(Hash((o9.R0).ToString()));
                }
                a0[Idx(o49.Duo0.B, 2)]--;
            }
        }
        finally
        {
            int v79 = (~((o9.Sum0 | Node2.t_seen2) << (Math.Min(s_grid[Idx((int.MinValue % ((o9.P0 & 15) | 1)), 3), Idx(unchecked((9 ^ (-5))), 4)], a0.Length) & 7)));
        }
        var q80 = new Queue<int>();
        q80.Enqueue(Describe(o49).Length);
        Sink(v8);
    }
    public static void Main()
    {
        Report("Section0", Section0);
        Console.WriteLine("checksum " + s_checksum);
    }
}
