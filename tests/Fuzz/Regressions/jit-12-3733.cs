// stmweave fuzz finding: jit (default): the JIT took 12660 ms to compile Program::Section2; the original's slowest method took 14 ms
// seed=12 index=3733 families=all
// Not reduced (the JIT's time needs the whole method): Section2 has a foreach inside a catch, so the
// JIT compiles it fully optimized on its first call (no tier 0 without a patchpoint), and its woven
// 7 KB took 10-13 s there, nearly all in SSA renaming. Large woven methods with a loop in a handler
// are now compiled with minimal optimization (Passes/BoundJitTime.cs): about 10 ms.
// fuzz: optimize=true abort-period=21
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
struct Pair1 : IShape, IBump
{
    public int A;
    public int B;
    public long C;
    public Pair1(int a, int b)
    {
        A = a;
        B = b;
        C = a * 11L + b;
    }
    public int Area(int k) => unchecked(A * k + B);
    public void Bump(int d)
    {
        A = unchecked(A + d);
        B ^= d;
        C++;
    }
    public override string ToString() => "Pair1(" + A + "," + B + ")";
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
        return (!(this.Next0 != null) ? ((x) switch { 0 => s_grid[Idx(s_flag, 3), Idx(s_a, 4)], 1 or 2 => this.X0, > 40 and < 50 => 13, < 0 => Recurse(7, s_grid[Idx(Hash((s_flag).ToString()), 3), Idx(41, 4)]), _ => (s_array[Idx((58 | Node0.t_seen0), 8)] - Node0.s_count0) }) : (s_jagged[Idx(62, 3)][Idx(26, 2)] << (s_table.Length & 7)));
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
static class Program
{
    internal static long s_checksum;
    internal static readonly object s_gate = new object();
    internal static readonly Lock s_lock = new Lock();
    internal static int s_a, s_b;
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
        s_a = 46;
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
        for (int i = 0; i < n; i++)
        {
            yield return i;
        }
    }
    internal static IEnumerable<int> Seq1(int n, int step)
    {
        for (int i = 0; i < n; i++)
        {
            yield return SumAll(Seq0(2, (i + s_grid[Idx(s_jagged[Idx((s_table[Idx((Node0.s_seed0 ^ s_jagged[Idx((i >> (step & 7)), 3)][Idx(step, 2)]), 6)] >> (s_grid[Idx(s_node.X0, 3), Idx((-6), 4)] & 7)), 3)][Idx(58, 2)], 3), Idx(27, 4)])));
        }
    }
    internal static int Helper0(int a, int b)
    {
        foreach (int e0 in Seq1(3, (s_table[Idx((b % ((s_array[Idx(s_a, 8)] & 15) | 1)), 6)] + 50)))
        {
            if ((SumAll(Seq1(3, s_pair.A)) == s_a))
            {
                AddTo(ref s_pair.B, Math.Max(Seq1(3, a).Count(), a));
            }
            switch ((b << ((-s_grid[Idx(44, 3), Idx(20, 4)]) & 7)) & 7)
            {
                case 2:
                {
                    try
                    {
                        Node0.s_count0 ^= (Math.Clamp((Node0.s_count0 & b), -50, 50) << (e0 & 7));
                        var sb1 = new StringBuilder("x-");
                    }
                    finally
                    {
                        var h2 = new HashSet<int> { s_a };
                    }
                    break;
                }
                default:
                {
                    a = e0;
                    break;
                }
            }
            if ((((a & 7) == 1) && (a <= s_node.X0))) break;
            t_local *= b;
        }
        Sink(((s_total - s_total) | (s_total ^ (s_total * s_total))));
        Tally<int>.s_sum += ((s_total + (s_total - s_total)) | ((s_total ^ ((long)s_node.X0 * 52359L)) | s_total));
        {
            ref Pair0 rp3 = ref s_pair;
            rp3.A += (unchecked((((s_node.X0 & 3) == 0) ? 59 : 10)) ^ a);
            s_total -= ((rp3.C - s_total) - ((rp3.C * ((long)Node0.t_seen0 * 86539L)) | s_total));
        }
        int g4 = 0;
        do
        {
            a -= (-((s_table[Idx(Math.Clamp(a, -50, 50), 6)]) switch { 0 => Node0.s_seed0, 1 or 2 => ((35) switch { 0 => 19, 1 or 2 => 34, > 40 and < 50 => 11, < 0 => 24, _ => 13 }), > 40 and < 50 => SumAll(Seq1(0, 56)), < 0 => s_table[Idx(((-8) | s_jagged[Idx((-8), 3)][Idx(g4, 2)]), 6)], _ => (g4 | 6) }));
            s_array[Idx((s_jagged[Idx(59, 3)][Idx(s_grid[Idx(s_node.X0, 3), Idx(13, 4)], 2)] & a), 8)] -= (((-7)) switch { 0 => ((s_b) switch { 0 => Node0.s_count0, 1 or 2 => 1, > 40 and < 50 => Node0.s_count0, < 0 => 21, _ => Node0.s_seed0 }), 1 or 2 => s_grid[Idx((a / ((a & 15) | 1)), 3), Idx(b, 4)], > 40 and < 50 => g4, < 0 => g4, _ => Math.Clamp(s_table.Length, -50, 50) });
            s_grid[Idx(g4, 3), Idx((b + a), 4)]++;
        } while (++g4 < 8 && (t_local < Node0.s_count0));
        return t_local;
    }
    internal static int Helper1(int a, int b)
    {
        a = s_node.X0;
        Sink(Interlocked.CompareExchange(ref Node0.s_count0, (a / (((s_b >> ((s_pair.A << (s_flag & 7)) & 7)) & 15) | 1)), Node0.t_seen0));
        return (int)(s_total);
    }
    static void Section0()
    {
        int v0 = Helper1((Node0.s_seed0 - Node0.t_seen0), 17);
        Node0 o1 = new Node0((Helper1(38, Helper1(s_table.Length, 19)) << (unchecked((63 << (19 & 7))) & 7)));
        o1.Next0 = new Node0(4);
        int v2 = (s_node.X0 | s_grid[Idx((~o1.Next0.X0), 3), Idx((int)(((long)Tally<Pair0>.s_hits * 83717L)), 4)]);
        bool v3 = (t_local == o1.Next0.X0);
        Func<int, int> f4 = x5 => v2;
        int g6 = 0;
        do
        {
            {
                int g8 = 0;
            L7:;
                Sink(s_total);
                o1 = new Node0(((34 & (o1.X0 & o1.Next0.X0)) << ((s_grid[Idx(0x40000000, 3), Idx(v0, 4)] % ((v0 & 15) | 1)) & 7)));
                var l9 = new List<int> { (41 | Node0.s_count0), (s_table.Length * o1.R0) };
                if (++g8 < 1) goto L7;
            }
        L7_exit:;
            Action act10 = () =>
            {
                int v11 = (Helper1(s_node.X0, s_node.X0) / ((((Tally<Node0>.s_hits ^ v2) >> (3 & 7)) & 15) | 1));
            };
            o1.V0++;
            foreach (int e12 in o1.Walk0(2))
            {
                if (!(Describe(s_node.X0).Length > o1.Duo0.B))
                {
                    Sink(Helper1(s_flag, s_jagged[Idx(27, 3)][Idx(SumAll(Seq0(6, 19)), 2)]));
                    var copy13 = o1.Duo0;
                    copy13.A += o1.M((s_grid[Idx((Node0.s_count0 + 60), 3), Idx(8, 4)] & 50));
                    Sink(copy13.A - o1.Duo0.A);
                }
                else if (((Seq0(8, v0).LastOrDefault() & 1) == 1))
                {
                    Sink((24 - v0));
                    try
                    {
                        s_table[Idx((g6 * 42), 6)] = checked((44 % (((35 & e12) & 15) | 1)) * ((o1.Next0.X0 ^ e12) & (-3)) + (o1.V0 + o1.M(e12)));
                    }
                    catch (OverflowException)
                    {
                        s_table[Idx((g6 * 42), 6)] = 8;
                    }
                }
            }
        } while (++g6 < 7 && !((g6 & 1) == 0));
        lock (s_lock)
        {
            Sink(Deep(3, (int)(((o1.Y0 - o1.Y0) * s_total))));
        }
        if (((s_grid[Idx(Seq0(6, v2).Count(), 3), Idx(2, 4)] / ((29 & 15) | 1)) != o1.X0))
        {
            try
            {
                try
                {
                    string s14 = $"a:{s_a}";
                    if (((((v2 >= g6) ? 50 : s_node.X0) & 1) == 1))
                    {
                        v2 |= o1.Duo0.A;
                        s_flag--;
                    }
                    else
                    {
                        s14 = s14.Length > 40 ? s14.Substring(4, 8) : $"{v0}:{s14}";
                    }
                }
                catch (FuzzException ex15) when (ex15.Code is < 0 or > 21)
                {
                    Sink(ex15.Code);
                }
            }
            finally
            {
                s_b = 44;
            }
            if (((o1.X0 & 1) == 0))
            {
                v0 *= (((44 != g6) ? s_table[Idx(Node0.s_count0, 6)] : o1.V0) + 58);
            }
        }
        Sink(((-(((s_pair.A & 7) == 1) ? 0 : s_flag)) & o1.X0));
        v2++;
        Sink(v0);
        Sink(v2);
        Sink(g6);
    }
    static void Section1()
    {
        int[] a0 = new int[1];
        int[,] g1 = new int[3, 2];
        int v2 = (19 * (51 ^ a0[Idx(Node0.t_seen0, 1)]));
        s_total += (s_total ^ s_total);
        int[][] j3 = { new int[2] };
        g1[Idx(a0[Idx(((g1.GetLength(1)) switch { 0 => s_a, 1 or 2 => s_a, > 40 and < 50 => j3[Idx(a0[Idx(s_jagged[Idx(a0.Length, 3)][Idx(Node0.t_seen0, 2)], 1)], 1)][Idx(s_table.Length, 2)], < 0 => 61, _ => g1.GetLength(0) }), 1)], 3), Idx(Math.Abs(s_array[Idx(s_a, 8)] % 1000), 2)] *= (((a0.Length >> (54 & 7))) switch { 0 => 1, 1 or 2 => (-3), > 40 and < 50 => (8 % ((v2 & 15) | 1)), < 0 => (int)(s_total), _ => (~a0[Idx(v2, 1)]) });
        Sink(v2);
    }
    static void Section2()
    {
        int v0 = (55 % ((Node0.s_count0 & 15) | 1));
        var c1 = new Cell<int>(((SumAll(Seq1(1, s_b))) switch { 0 => (Node0.t_seen0 / ((v0 & 15) | 1)), 1 or 2 => Node0.t_seen0, > 40 and < 50 => (s_flag + 0), < 0 => (17 ^ v0), _ => s_table[Idx(Node0.s_seed0, 6)] }));
        int[] a2 = new int[5];
        string s3 = $"s{(v0 % ((v0 & 15) | 1))}";
        Action act4 = () =>
        {
            Sink(Interlocked.CompareExchange(ref s_flag, Node0.s_seed0, ((s_grid[Idx(40, 3), Idx(s_flag, 4)] ^ 1) >> ((s_b / (((~c1.Reads) & 15) | 1)) & 7))));
            Sink(Interlocked.Exchange(ref s_node.X0, (Tally<long>.s_hits * s_a)));
        };
        try
        {
            try
            {
                try
                {
                    var copy5 = s_pair;
                    copy5.A += unchecked((8 ^ 28));
                    Sink(copy5.A - s_pair.A);
                    s_b |= (v0 << (c1.Reads & 7));
                }
                catch (Exception ex6) when (ex6 is FuzzException { Code: > 8 })
                {
                    Sink(Hash(ex6.GetType().Name));
                }
                catch (Exception ex7)
                {
                    Sink(Hash(ex7.GetType().Name));
                    a2[Idx(s_flag, 5)]--;
                }
                var d8 = new Dictionary<int, int> { [2] = (Node0.s_seed0 ^ v0) };
                try
                {
                    s_total = s_total;
                    s_total += s_total;
                }
                finally
                {
                    Sink(a2[Idx((int)(((long)d8.Count * 54699L)), 5)]);
                    Interlocked.Increment(ref s_table[Idx(s_node.X0, 6)]);
                }
            }
            catch (Exception ex9) when (ex9 is FuzzException { Code: > 12 })
            {
                Sink(Hash(ex9.GetType().Name));
                s_jagged[Idx((-1), 3)][Idx(Math.Max(v0, 23), 2)] += ((Node0.s_count0) switch { 0 => a2[Idx(15, 5)], 1 or 2 => (a2.Length % ((c1.Value & 15) | 1)), > 40 and < 50 => s_jagged[Idx(Helper1(Node0.t_seen0, 35), 3)][Idx(48, 2)], < 0 => (s_jagged[Idx(51, 3)][Idx(33, 2)] % ((52 & 15) | 1)), _ => (-1) });
                s_jagged[Idx(59, 3)][Idx(s_table[Idx((28 << (c1.Value & 7)), 6)], 2)]--;
            }
            catch (Exception ex14)
            {
                Sink(Hash(ex14.GetType().Name));
                Sink(Describe((int)(((long)v0 * 58594L))).Length);
                foreach (int e17 in Enumerable.Range(3 & 7, 10))
                {
                    if ((Describe(s_a).Length != (s_flag - Node0.s_seed0))) throw new FuzzException((v0 ^ (e17 << (28 & 7))));
                    act4();
                }
            }
            if (!((a2[Idx(s_table.Length, 5)] % ((v0 & 15) | 1)) != 45)) return;
            int[,] g20 = new int[2, 1];
            g20[Idx(36, 2), Idx(Node0.s_count0, 1)] ^= Math.Min(Tally<string>.s_hits, ((v0) switch { 0 => t_local, 1 or 2 => s_a, > 40 and < 50 => s3.Length, < 0 => 19, _ => s3.Length }));
            switch (s_table.Length & 7)
            {
                case 5: case 25:
                {
                    foreach (int e23 in Enumerable.Range((-6) & 7, 3))
                    {
                        v0++;
                    }
                    Sink((~(int)(s_total)));
                    break;
                }
                case 2:
                {
                    try
                    {
                        try
                        {
                            if (((g20[Idx(s3.IndexOf('-'), 2), Idx(SumAll(Seq1(4, a2[Idx(((s_table[Idx(Hash((s_b).ToString()), 6)] >= s3.Length) ? Node0.s_seed0 : s_jagged[Idx(unchecked((int)(unchecked(((long)28 * 87755L)))), 3)][Idx((((s_pair.A & 3) == 0) ? v0 : 51), 2)]), 5)])), 1)] & 3) == 0)) throw new FuzzException((((unchecked((22 / ((17 & 15) | 1))) & 1) == 0) ? (s3.Length >> (s_array[Idx(a2.Aggregate(0, (acc31, x30) => unchecked(acc31 * 3 + x30)), 8)] & 7)) : (Helper0(s_array[Idx(59, 8)], v0) & g20.GetLength(1))));
                            c1 = new Cell<int>(c1.Get() + ((-(s_pair.A ^ 31)) % ((Helper1((s_node.X0 / ((Node0.s_seed0 & 15) | 1)), 12) & 15) | 1)));
                        }
                        catch (FuzzException ex36) when (ex36.Code > -2)
                        {
                            Sink(ex36.Code);
                            var q37 = new Queue<int>();
                            q37.Enqueue(a2[Idx((55 / ((s_grid[Idx(s_grid[Idx(s_table.Length, 3), Idx((t_local << (s_table[Idx(s_node.X0, 6)] & 7)), 4)], 3), Idx(ex36.Code, 4)] & 15) | 1)), 5)]);
                        }
                    }
                    finally
                    {
                        try
                        {
                            Tally<string>.s_hits = checked((v0 ^ (c1.Reads >> (21 & 7))) * 57 + 63);
                        }
                        catch (OverflowException)
                        {
                            Tally<string>.s_hits = 0;
                        }
                        Sink((29 - ((s3.IndexOf('-')) switch { 0 => (-6), 1 or 2 => a2.Length, > 40 and < 50 => (-3), < 0 => Seq1(6, v0).LastOrDefault(), _ => Helper0(s_pair.B, s_array[Idx(Math.Clamp(61, -50, 50), 8)]) })));
                    }
                    switch (Helper0(unchecked((~26)), a2[Idx(s_jagged[Idx(s_grid[Idx(((-4) + s_array[Idx((v0 & 0), 8)]), 3), Idx(22, 4)], 3)][Idx(((s_b <= v0) ? 49 : Tally<Node0>.s_hits), 2)], 5)]) & 7)
                    {
                        case -1: case 19:
                        {
                            var h48 = new HashSet<int> { s_node.X0 };
                            if ((61 == s_flag)) throw new FuzzException(((s_pair.B + s_jagged[Idx(g20.GetLength(0), 3)][Idx(s_node.X0, 2)]) ^ Math.Abs(h48.Count % 1000)));
                            break;
                        }
                        case 5:
                        {
                            v0 += (a2[Idx((Node0.s_count0 << (s_pair.B & 7)), 5)] * ((g20[Idx((s_table.Length % ((s_pair.B & 15) | 1)), 2), Idx(40, 1)]) switch { 0 => (Node0.t_seen0 << (a2.Length & 7)), 1 or 2 => 30, > 40 and < 50 => c1.Reads, < 0 => 47, _ => 30 }));
                            Node0.t_seen0 <<= ((SumAll(Seq1(7, (9 * t_local))) >> ((-Helper0(s_pair.B, a2[Idx(Tally<Pair0>.s_hits, 5)])) & 7)) & 7);
                            break;
                        }
                        case 3:
                        {
                            AddTo(ref c1.Reads, (54 % ((((s_a > 5) ? (v0 + a2[Idx(s3.Length, 5)]) : Node0.s_seed0) & 15) | 1)));
                            break;
                        }
                        default:
                        {
                            v0 = (s3.IndexOf('-') + g20.GetLength(1));
                            s_a = (a2[Idx(s_flag, 5)] << ((~s_table[Idx(34, 6)]) & 7));
                            break;
                        }
                    }
                    break;
                }
                case 6:
                {
                    if ((s_table[Idx((int)(s_total), 6)] >= s_a)) throw new FuzzException((15 + (a2[Idx(s_a, 5)] - a2[Idx((Node0.s_seed0 - s_grid[Idx(s_table.Length, 3), Idx(unchecked(((-8) + 63)), 4)]), 5)])));
                    v0 += 43;
                    break;
                }
                default:
                {
                    int v57 = 6;
                    break;
                }
            }
        }
        catch (Exception ex58) when (ex58 is FuzzException { Code: > 13 })
        {
            Sink(Hash(ex58.GetType().Name));
        }
        catch (Exception ex59)
        {
            Sink(Hash(ex59.GetType().Name));
            s_pair.B *= (s_table.Length >> ((a2[Idx(Helper1(s_a, s_b), 5)] / ((ex59.GetType().Name.Length & 15) | 1)) & 7));
        }
        for (int i62 = 0; i62 < 7; i62++)
        {
            s_total += s_total;
        }
        Func<int, int> f63 = x64 => s_array[Idx(Describe(s3).Length, 8)];
        v0 -= a2[Idx(((a2[Idx(Helper1(v0, Node0.s_seed0), 5)]) switch { 0 => a2[Idx(37, 5)], 1 or 2 => s_b, > 40 and < 50 => 55, < 0 => 48, _ => s_a }), 5)];
        v0++;
        Sink((~c1.Value));
        s_a--;
        var q69 = new Queue<int>();
        q69.Enqueue((t_local | 0));
        Sink(v0);
    }
    static void Section3()
    {
        bool v0 = (((-s_flag) & 7) == 0);
        int[,] g1 = new int[3, 1];
        Pair0 p2 = new Pair0(Helper1(g1[Idx(s_node.X0, 3), Idx(s_table.Length, 1)], ((Node0.s_seed0 <= s_a) ? s_jagged[Idx(s_table.Length, 3)][Idx(s_array[Idx(Math.Min(19, g1[Idx(Helper1(s_a, g1[Idx(Hash((19).ToString()), 3), Idx(30, 1)]), 3), Idx(s_b, 1)]), 8)], 2)] : g1[Idx(49, 3), Idx((s_a >> (Node0.s_count0 & 7)), 1)])), ((int)((((long)s_table.Length * 52926L) + s_total)) << (29 & 7)));
        int[] a3 = new int[5];
        switch ((v0 ? Node0.s_count0 : g1.GetLength(1)) & 7)
        {
            case 4:
            {
                switch (Seq1(2, (s_table[Idx(s_flag, 6)] / ((t_local & 15) | 1))).Count() % 5)
                {
                    case 5:
                    {
                        s_flag--;
                        int v12 = (-((unchecked((1 % ((53 & 15) | 1)))) switch { 0 => ((s_flag > g1[Idx(18, 3), Idx(p2.Area(32), 1)]) ? s_flag : Node0.t_seen0), 1 or 2 => s_grid[Idx((33 << (s_table.Length & 7)), 3), Idx((-g1[Idx((-8), 3), Idx((a3[Idx(0, 5)] + a3.Length), 1)]), 4)], > 40 and < 50 => (a3[Idx(8, 5)] + s_flag), < 0 => ((s_a) switch { 0 => a3[Idx(23, 5)], 1 or 2 => 28, > 40 and < 50 => s_pair.A, < 0 => s_table.Length, _ => 10 }), _ => s_jagged[Idx(p2.B, 3)][Idx(a3[Idx((g1[Idx((a3[Idx(Hash((g1[Idx(Measure(p2, p2.A), 3), Idx(s_table[Idx(22, 6)], 1)]).ToString()), 5)] & a3[Idx(t_local, 5)]), 3), Idx((t_local ^ a3[Idx(Node0.s_count0, 5)]), 1)] + 44), 5)], 2)] }));
                        break;
                    }
                    default:
                    {
                        int g13 = 0;
                        while (g13++ < 2 && ((((3 & 1) == 0) && ((a3[Idx(((24 != Node0.s_seed0) ? s_b : 16), 5)] & 3) == 0)) || (Describe(p2).Length > a3[Idx((Node0.t_seen0 << (Tally<int>.s_hits & 7)), 5)])))
                        {
                            int v16 = 63;
                        }
                        Sink(((s_a | int.MinValue) + p2.A));
                        break;
                    }
                }
                break;
            }
            case 6:
            {
                Sink(((s_total * s_total) * (s_total | unchecked(((long)0 * 12889L)))));
                break;
            }
            case 0: case 20:
            {
                if (v0)
                {
                    s_total += p2.C;
                    Sink(2);
                }
                break;
            }
            case -4:
            {
                for (int i17 = 0, j18 = 0; i17 < 4; i17++, j18--)
                {
                    int v19 = ((~(((s_flag & 7) == 0) ? a3[Idx((g1[Idx(g1[Idx(((53 >= s_a) ? (-8) : s_node.X0), 3), Idx(s_a, 1)], 3), Idx(s_a, 1)] / ((s_grid[Idx((int)(s_total), 3), Idx((t_local | s_jagged[Idx(i17, 3)][Idx((63 & Node0.s_count0), 2)]), 4)] & 15) | 1)), 5)] : s_array[Idx(g1.GetLength(1), 8)])) << (p2.A & 7));
                }
                break;
            }
            default:
            {
                for (int i20 = 0, j21 = 0; i20 < 11; i20++, j21--)
                {
                    if (!(21 > (~g1.GetLength(1)))) throw new FuzzException(((-i20) << ((p2.A * 46) & 7)));
                }
                int v22 = ((-(Node0.s_count0 >> (s_a & 7))) << ((56 * g1[Idx(s_pair.A, 3), Idx(s_pair.B, 1)]) & 7));
                v22++;
                break;
            }
        }
        switch (SumAll(Seq1(1, (g1[Idx(a3[Idx(s_grid[Idx((-s_b), 3), Idx(s_grid[Idx(g1.GetLength(0), 3), Idx((int)(((long)s_table.Length * 43235L)), 4)], 4)], 5)], 3), Idx(p2.A, 1)] % ((g1.GetLength(1) & 15) | 1)))) % 5)
        {
            case -3:
            {
                int g25 = 0;
                while (g25++ < 1 && ((g25 & 7) == 0))
                {
                    Interlocked.Add(ref s_array[Idx((s_table.Length << (g25 & 7)), 8)], a3.Length);
                    p2.C += ((((long)a3.Length * 67122L) ^ (p2.C * ((long)a3.Length * 86167L))) + (s_total + p2.C));
                }
                try
                {
                    if ((((s_grid[Idx(s_a, 3), Idx(t_local, 4)] & 1) == 1) && (20 > (s_jagged[Idx((Node0.s_count0 >> (s_flag & 7)), 3)][Idx((a3[Idx(Helper0(s_jagged[Idx(50, 3)][Idx((~g1[Idx(Math.Clamp(a3[Idx((int)(s_total), 5)], -50, 50), 3), Idx(t_local, 1)]), 2)], 29), 5)] + 46), 2)] & g25))))
                    {
                        s_a++;
                        var l30 = new List<int> { 63, s_b };
                    }
                    BumpRef(ref s_pair, (((p2.B ^ Helper1(9, g1.GetLength(1)))) switch { 0 => (int)(((long)Node0.t_seen0 * 51946L)), 1 or 2 => (-4), > 40 and < 50 => a3[Idx(a3[Idx((g25 | a3.Length), 5)], 5)], < 0 => (s_a - s_b), _ => s_jagged[Idx(13, 3)][Idx(g25, 2)] }));
                }
                finally
                {
                    Sink(29);
                    a3[Idx(s_node.X0, 5)] += (((34 >= (-4)) && (g25 == g1.GetLength(0))) ? g1[Idx(int.MinValue, 3), Idx((g25 - s_a), 1)] : (53 & (~g25)));
                }
                Node0.t_seen0 ^= (a3[Idx(((-7) >> (a3[Idx(Node0.s_seed0, 5)] & 7)), 5)] - Node0.s_seed0);
                int v37 = Math.Max(Hash((s_jagged[Idx((-t_local), 3)][Idx(((Node0.s_seed0 == 16) ? s_node.X0 : a3.Length), 2)]).ToString()), 33);
                break;
            }
            case -2: case 18:
            {
                int v38 = s_node.X0;
                break;
            }
            case 6:
            {
                for (int i39 = 0; i39 < 2; i39++)
                {
                    Sink(s_table[Idx(a3.Count(x40 => x40 > 0), 6)]);
                    Sink(p2.C);
                }
                Sink(Helper1(22, Node0.t_seen0));
                if ((((g1[Idx((((g1.GetLength(1) & 3) == 0) ? s_table.Length : a3[Idx(10, 5)]), 3), Idx(Node0.s_seed0, 1)] > s_a) || ((Node0.t_seen0 & 1) == 0)) || ((a3.Length < Node0.s_count0) || ((10 & 3) == 1))))
                {
                    switch (Node0.t_seen0 % 5)
                    {
                        case 6: case 26:
                        {
                            s_total = ((p2.C ^ s_total) - unchecked(((long)30 * 50372L)));
                            Sink((((long)Helper0(p2.A, t_local) * 43916L) + (s_total | (((long)t_local * 89147L) + p2.C))));
                            break;
                        }
                        default:
                        {
                            Tally<Node0>.s_sum += (((long)s_jagged[Idx((12 + g1.GetLength(0)), 3)][Idx(((-1) + s_grid[Idx(p2.A, 3), Idx(32, 4)]), 2)] * 1441L) - (((long)s_jagged[Idx(45, 3)][Idx(Measure(p2, s_b), 2)] * 30563L) * (((long)Node0.s_count0 * 33080L) | p2.C)));
                            break;
                        }
                    }
                    {
                        int g49 = 0;
                    L48:;
                        try
                        {
                            a3[Idx(a3[Idx(s_b, 5)], 5)] = checked(Node0.s_seed0 * ((Tally<string>.s_hits + s_b) << (52 & 7)) + SumAll(Seq0(0, (g1[Idx((~Node0.s_count0), 3), Idx((52 * Node0.s_seed0), 1)] % ((Node0.s_count0 & 15) | 1)))));
                        }
                        catch (OverflowException)
                        {
                            a3[Idx(a3[Idx(s_b, 5)], 5)] = 8;
                        }
                        Sink((Helper1((-6), Node0.t_seen0) << (55 & 7)));
                        a3[Idx(Node0.s_seed0, 5)] <<= ((g1.GetLength(1) - 8) & 7);
                        if (++g49 < 8) goto L48;
                    }
                L48_exit:;
                }
                break;
            }
            default:
            {
                p2.C -= p2.C;
                Sink(Helper0(a3[Idx((((Node0.t_seen0 & 1) == 0) ? s_b : 5), 5)], (55 + s_jagged[Idx((s_table.Length % ((Node0.t_seen0 & 15) | 1)), 3)][Idx((a3[Idx(s_table[Idx(s_table.Length, 6)], 5)] | s_a), 2)])));
                break;
            }
        }
        string s56 = $"1-{19}";
        int v57 = 45;
        try
        {
            s56 = s56.Length > 40 ? s56.Substring(6, 8) : $"{a3.Length}:{s56}";
            s_array[Idx(p2.A, 8)] -= SumAll(a3);
            Sink(Deep(2, ((a3[Idx(23, 5)] * Helper0(s_b, s_table.Length)) + (s56.Length & s_pair.B))));
            Pair0[] ps62 = new Pair0[1];
        }
        catch (FuzzException ex63) when (ex63.Code > 10)
        {
            Sink(ex63.Code);
        }
        catch (FuzzException ex64)
        {
            Sink(ex64.Code);
        }
        var copy65 = p2;
        copy65.A += (Tally<string>.s_hits + v57);
        Sink(copy65.A - p2.A);
        {
            int g67 = 0;
        L66:;
            s56 = string.Concat(s56.Length > 20 ? s56.Substring(4, 8) : s56, "/", (((copy65.A << (s_a & 7)) << (((s_a) switch { 0 => 25, 1 or 2 => (int)(p2.C), > 40 and < 50 => 5, < 0 => s56.Length, _ => 25 }) & 7))).ToString());
            s_flag--;
            if (++g67 < 11) goto L66;
        }
    L66_exit:;
        Sink(v57);
    }
    static void Section4()
    {
        Node0[] ns0 = new Node0[] { new Node0(10), new Node0((((20 & 3) == 1) ? s_pair.B : s_table.Length)) };
        Node0 o1 = new Node0(38);
        try
        {
            var d2 = new Dictionary<int, int> { [9] = s_flag };
            s_pair.B = (((o1.R0 + o1.X0) / ((t_local & 15) | 1)) >> ((-(7 / ((t_local & 15) | 1))) & 7));
            int Local3(int q4)
            {
                return 57;
            }
            bool taken5 = false;
            try
            {
                Monitor.Enter(o1, ref taken5);
                Action act6 = () =>
                {
                    int v10 = ((int)((((long)s_jagged[Idx(Local3(s_table[Idx(Node0.t_seen0, 6)]), 3)][Idx(59, 2)] * 8689L) * s_total)) ^ Hash((Helper1(51, 30)).ToString()));
                    s_total -= unchecked(((long)16 * 4282L));
                };
                s_a += (-(~o1.V0));
            }
            finally
            {
                if (taken5) Monitor.Exit(o1);
            }
        }
        finally
        {
            var d11 = new Dictionary<int, int> { [0] = 35 };
            Action act12 = () =>
            {
                o1.Duo0.Bump((Math.Clamp(Node0.s_count0, -50, 50) - Hash(((o1.X0 / ((o1.X0 & 15) | 1))).ToString())));
            };
            for (int i15 = 0, j16 = 2; i15 < 3; i15++, j16--)
            {
                Sink((s_a + j16));
                o1.Duo0 = new Pair0(36, ((s_grid[Idx(o1.V0, 3), Idx(Node0.s_count0, 4)] & s_array[Idx(16, 8)]) / ((o1.X0 & 15) | 1)));
            }
        }
        var c17 = new Cell<int>(o1.Sum0);
        Monitor.Enter(s_gate);
        try
        {
            s_array[Idx(o1.V0, 8)] = Helper1(o1.X0, 63);
            s_node.X0 -= (-o1.Next0.X0);
            switch ((int)((unchecked(((long)int.MaxValue * 53489L)) * (s_total | s_total))) & 7)
            {
                case 3: case 23:
                {
                    if (TryHalf((Seq1(1, (-8)).Sum() + ((s_jagged[Idx(s_a, 3)][Idx((s_table.Length % ((ns0[Idx(s_a, 2)].X0 & 15) | 1)), 2)]) switch { 0 => Math.Abs(46 % 1000), 1 or 2 => s_a, > 40 and < 50 => (~Node0.s_count0), < 0 => 61, _ => ((o1.X0) switch { 0 => s_node.X0, 1 or 2 => c17.Reads, > 40 and < 50 => t_local, < 0 => 40, _ => (-7) }) })), out int half18))
                    {
                        Sink(half18);
                    }
                    ns0[Idx((-2), 2)] = new Node0(Helper0((2 << (t_local & 7)), ((5) switch { 0 => Tally<string>.s_hits, 1 or 2 => 7, > 40 and < 50 => 1, < 0 => 28, _ => s_node.X0 })));
                    break;
                }
                default:
                {
                    Tally<Node0>.s_sum += ((long)((int)(((long)o1.X0 * 2749L)) + o1.Next0.X0) * 27145L);
                    int v19 = (((~Node0.t_seen0) << (38 & 7)) ^ o1.V0);
                    break;
                }
            }
            string s20 = $"a:{s_a}";
        }
        finally
        {
            Monitor.Exit(s_gate);
        }
        BumpRef(ref s_pair, (-Node0.s_count0));
        var l21 = new List<int> { o1.X0, 22 };
        s_total += ((unchecked(((long)16 * 99273L)) + (s_total | s_total)) | ((unchecked(((long)12 * 15493L)) + s_total) - ((long)s_grid[Idx(s_a, 3), Idx(c17.Value, 4)] * 37876L)));
        Sink((Describe(o1).Length << ((o1.X0 * 33) & 7)));
    }
    static void Section5()
    {
        int[] own0 = new int[4];
        var items1 = new List<int> { 6 };
        var worker2 = new Thread(() =>
        {
            try
            {
                for (int i3 = 0; i3 < 307; i3++)
                {
                    own0[Idx(unchecked((-(-3))), 4)] *= (~items1.Select(x6 => x6).DefaultIfEmpty(items1.Count).Max());
                    int v7 = (Node0.t_seen0 * unchecked((int)(unchecked(((long)42 * 14537L)))));
                    Node0.t_seen0--;
                }
            }
            catch (Exception exception)
            {
                own0[0] = Hash(exception.GetType().Name);
            }
        });
        int[] own8 = new int[3];
        var items9 = new List<int> { 1 };
        var worker10 = new Thread(() =>
        {
            try
            {
                for (int i11 = 0; i11 < 668; i11++)
                {
                    {
                        int g13 = 0;
                    L12:;
                        own8[Idx(g13, 3)] += i11;
                        own8[Idx(((g13) switch { 0 => Node0.t_seen0, 1 or 2 => i11, > 40 and < 50 => own8[Idx(37, 3)], < 0 => items9.Count, _ => (-2) }), 3)]++;
                        {
                            ref int r14 = ref own8[Idx(own8[Idx(unchecked((11 & 57)), 3)], 3)];
                            r14 ^= ((22) switch { 0 => (12 + i11), 1 or 2 => unchecked(((Node0.t_seen0 == 58) ? 17 : 0)), > 40 and < 50 => (own8[Idx((Node0.t_seen0 - own8.Length), 3)] << (i11 & 7)), < 0 => 48, _ => (g13 << (i11 & 7)) });
                            Node0.t_seen0 <<= (((own8[Idx(35, 3)]) switch { 0 => (g13 | 37), 1 or 2 => i11, > 40 and < 50 => (i11 % ((t_local & 15) | 1)), < 0 => (~own8[Idx(i11, 3)]), _ => (g13 << (5 & 7)) }) & 7);
                        }
                        if (++g13 < 4) goto L12;
                    }
                L12_exit:;
                    t_local -= 14;
                    try
                    {
                        try
                        {
                            if ((((t_local != Node0.t_seen0) && ((own8[Idx(59, 3)] & 1) == 0)) || !(57 <= i11))) continue;
                            int v18 = (int)items9.Sum(x17 => (long)9);
                            if ((v18 > i11)) throw new FuzzException(((int)(((long)v18 * 6733L)) % ((i11 & 15) | 1)));
                        }
                        catch (FuzzException ex19) when (ex19.Code is < 0 or > 27)
                        {
                            own8[Idx((t_local ^ 45), 3)] ^= ex19.Code;
                        }
                    }
                    finally
                    {
                        own8[Idx(((own8[Idx(56, 3)] >= i11) ? t_local : i11), 3)] -= own8[Idx(i11, 3)];
                        Node0.t_seen0 += (i11 * Math.Min(t_local, 16));
                    }
                }
            }
            catch (Exception exception)
            {
                own8[0] = Hash(exception.GetType().Name);
            }
        });
        worker2.Start();
        worker10.Start();
        worker2.Join();
        worker10.Join();
        foreach (int value in own0) Sink(value);
        foreach (int value in items1) Sink(value);
        foreach (int value in own8) Sink(value);
        foreach (int value in items9) Sink(value);
    }
    static void Section6()
    {
        s_race = 0;
        int n0 = 4321;
        int[] slots = new int[4];
        var counter = new Node0(0);
        var list = new List<int>();
        ThreadStart work = () =>
        {
            int i = -1; while (++i < n0)
            {
                s_race++;
                slots[i & 3]++;
                counter.X0 += 2;
                try { list.Add(i); } catch (Exception) { }
            }
        };
        var first = new Thread(work);
        var second = new Thread(work);
        first.Start();
        second.Start();
        first.Join();
        second.Join();
        Race("static", s_race, 2L * n0);
        Race("array", slots[0] + slots[1] + slots[2] + slots[3], 2L * n0);
        Race("field", counter.X0, 4L * n0);
        Race("list", list.Count, 2L * n0);
    }
    public static void Main()
    {
        Report("Section5", Section5);
        Report("Section0", Section0);
        Report("Section1", Section1);
        Report("Section2", Section2);
        Report("Section4", Section4);
        Report("Section6", Section6);
        Report("Section3", Section3);
        Console.WriteLine("checksum " + s_checksum);
    }
}
