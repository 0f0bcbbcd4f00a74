namespace Scenarios;

/// <summary>Unsafe code: fixed pointers over arrays and fields, stackalloc into a pointer.</summary>
public static unsafe class UnsafeScenarios
{
    private struct Pt
    {
        public int X;
        public int Y;
    }

    private sealed class Holder
    {
        public int Value;
        public Pt[] Points = new Pt[3];
    }

    public static string FixedPointers()
    {
        int[] arr = { 1, 2, 3, 4, 5, 6 };
        long sum = 0;
        fixed (int* p = arr)
        {
            for (int i = 0; i < arr.Length; i++)
                p[i] *= 2;
            int* q = p + 3;
            *q = -1;
            for (int* r = p; r < p + arr.Length; r++)
                sum += *r;
        }
        var h = new Holder();
        fixed (int* f = &h.Value)
            *f = 42;
        fixed (Pt* ps = h.Points)
        {
            ps[1].X = 9;
            (ps + 2)->Y = 8;
        }
        int vowels = 0;
        fixed (char* c = "unsafe text")
        {
            for (char* x = c; *x != '\0'; x++)
            {
                if ("aeiou".IndexOf(*x) >= 0)
                    vowels++;
            }
        }
        return Invariant($"{Fmt.Join(arr)},{sum},{h.Value},{h.Points[1].X},{h.Points[2].Y},{vowels}");
    }

    public static string StackallocPointers()
    {
        int* buf = stackalloc int[8];
        for (int i = 0; i < 8; i++)
            buf[i] = i * i;
        long total = 0;
        for (int i = 0; i < 8; i++)
            total += buf[i];
        Pt local = new() { X = 1, Y = 2 };
        Pt* lp = &local;
        lp->X += 10;
        byte* bytes = (byte*)buf;
        int firstByteOfLast = bytes[7 * sizeof(int)];
        return Invariant($"{total},{local.X},{sizeof(Pt)},{firstByteOfLast}");
    }

    /// <summary>A native buffer and a callback kept in fields of a class, as interop wrappers do: pointer-typed fields, a function pointer, a pointer array.</summary>
    private sealed class NativeBuffer
    {
        public byte* Start;
        public int Length;
        public delegate*<int, int> Transform;
        public static int* Shared;
        public byte*[] Marks = new byte*[2];
    }

    private static int Triple(int value) => 3 * value;

    public static string PointerFields()
    {
        byte* bytes = stackalloc byte[8];
        int shared = 40;
        var buffer = new NativeBuffer { Start = bytes, Length = 8, Transform = &Triple };
        NativeBuffer.Shared = &shared;
        for (int i = 0; i < buffer.Length; i++)
            buffer.Start[i] = (byte)(i * i);
        buffer.Marks[0] = buffer.Start + 3;
        buffer.Marks[1] = buffer.Start + 5;
        buffer.Start += 2;
        *NativeBuffer.Shared += *buffer.Marks[1];
        int sum = 0;
        for (byte* p = buffer.Start; p < bytes + 8; p++)
            sum += *p;
        return Invariant($"sum={sum},shared={shared},transformed={buffer.Transform(*buffer.Marks[0])},offset={buffer.Start - bytes}");
    }
}
