namespace Scenarios;

/// <summary>Multi-dimensional arrays (int[,], double[,,], object[,]) and jagged arrays.</summary>
public static class MultiDimArrayScenarios
{
    public static string IntMatrix()
    {
        var m = new int[3, 4];
        for (int i = 0; i < m.GetLength(0); i++)
        {
            for (int j = 0; j < m.GetLength(1); j++)
                m[i, j] = i * 10 + j;
        }
        var rowSums = new int[3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
                rowSums[i] += m[i, j];
        }
        var t = new int[4, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
                t[j, i] = m[i, j];
        }
        ref int e = ref m[1, 2];
        e = -5;
        m[2, 3] += m[1, 2];
        int[,] literal = { { 1, 2 }, { 3, 4 } };
        literal[1, 0] *= 10;
        var flat = new List<int>();
        foreach (int x in literal)
            flat.Add(x);
        return Invariant($"{Fmt.Join(rowSums)};{t[3, 2]},{t[0, 1]};{m[1, 2]},{m[2, 3]};{m.Rank},{m.Length};{Fmt.Join(flat)}");
    }

    public static string DoubleCube()
    {
        var c = new double[2, 3, 2];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 2; k++)
                    c[i, j, k] = i + j * 0.5 + k * 0.25;
            }
        }
        c[1, 2, 1] *= 3;
        c[0, 0, 0] -= 1.0 / 3.0;
        double sum = 0;
        foreach (double x in c)
            sum += x;
        return Invariant($"{Fmt.F4(sum)},{Fmt.D(c[1, 2, 1])},{Fmt.D(c[0, 0, 0])},{c.GetLength(2)}");
    }

    public static string ObjectMatrixAndCovariance()
    {
        var o = new object?[2, 3];
        o[0, 0] = "a";
        o[0, 1] = 1;
        o[0, 2] = 2.5;
        o[1, 0] = new[] { 7 };
        o[1, 1] = 'c';
        o[0, 1] = (int)o[0, 1]! + 41;
        var parts = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
                parts.Add(o[i, j] switch { null => "null", int[] a => "arr" + a[0].ToString(CultureInfo.InvariantCulture), var x => Fmt.Of(x) });
        }
        object[,] strings = new string[2, 2];
        strings[0, 0] = "x";
        try
        {
            strings[0, 1] = 5;
            parts.Add("stored");
        }
        catch (ArrayTypeMismatchException)
        {
            parts.Add("mismatch");
        }
        parts.Add(strings[0, 1] is null ? "still-null" : "set");
        return string.Join(",", parts);
    }

    public static string JaggedArrays()
    {
        var j = new int[4][];
        for (int r = 0; r < j.Length; r++)
        {
            j[r] = new int[r + 1];
            for (int c = 0; c < j[r].Length; c++)
                j[r][c] = r * c + 1;
        }
        j[2] = new[] { 9, 9 };
        j[3][3] += j[1][1];
        int total = 0;
        foreach (var row in j)
        {
            foreach (var x in row)
                total += x;
        }
        string[][] words = { new[] { "a", "b" }, new[] { "c" } };
        words[1][0] += words[0][1];
        int[][,] mixed = { new int[2, 2], new int[1, 3] };
        mixed[0][1, 1] = 4;
        mixed[1][0, 2] = mixed[0][1, 1] * 2;
        var rows = new List<string>();
        foreach (var row in j)
            rows.Add(Fmt.Join(row));
        return Invariant($"{string.Join("|", rows)};{total};{words[1][0]};{mixed[1][0, 2]},{mixed[1].Length}");
    }
}

/// <summary>Arrays of every primitive element type, plus string, object, struct and enum arrays.</summary>
public static class PrimitiveArrayScenarios
{
    public static string IntegralArrays()
    {
        var bools = new bool[4];
        var bytes = new byte[4];
        var sbytes = new sbyte[4];
        var shorts = new short[4];
        var ushorts = new ushort[4];
        var chars = new char[4];
        var ints = new int[4];
        var uints = new uint[4];
        var longs = new long[4];
        var ulongs = new ulong[4];
        var nints = new nint[4];
        var nuints = new nuint[4];
        for (int i = 0; i < 4; i++)
        {
            bools[i] = i % 2 == 1;
            bytes[i] = (byte)(250 + i * 3);
            sbytes[i] = (sbyte)(125 + i);
            shorts[i] = (short)(-30000 - i * 1000);
            ushorts[i] = (ushort)(65534 + i);
            chars[i] = (char)('w' + i);
            ints[i] = -i * 1_000_000;
            uints[i] = 4_294_967_294u + (uint)i;
            longs[i] = long.MinValue + i;
            ulongs[i] = ulong.MaxValue - (ulong)i;
            nints[i] = -i;
            nuints[i] = (nuint)(i * 2);
        }
        bools[0] = !bools[1];
        bytes[1]++;
        chars[3]--;
        nints[3] += nints[2];
        return string.Join(";", new[]
        {
            Fmt.Join(bools), Fmt.Join(bytes), Fmt.Join(sbytes), Fmt.Join(shorts), Fmt.Join(ushorts), Fmt.Join(chars),
            Fmt.Join(ints), Fmt.Join(uints), Fmt.Join(longs), Fmt.Join(ulongs), Fmt.Join(nints), Fmt.Join(nuints),
        });
    }

    public static string FloatingAndDecimalArrays()
    {
        var floats = new float[5];
        var doubles = new double[5];
        var decimals = new decimal[5];
        for (int i = 0; i < 5; i++)
        {
            floats[i] = i / 3f;
            doubles[i] = i * 0.1;
            decimals[i] = i * 0.1m;
        }
        floats[4] *= -2f;
        doubles[2] += 1e-17;
        decimals[3] /= 3m;
        double dsum = 0;
        decimal msum = 0;
        float fsum = 0;
        for (int i = 0; i < 5; i++)
        {
            dsum += doubles[i];
            msum += decimals[i];
            fsum += floats[i];
        }
        doubles[0] = double.NaN;
        doubles[1] = double.NegativeInfinity;
        return Invariant($"{Fmt.Join(floats)};{Fmt.Join(doubles)};{Fmt.Join(decimals)};{Fmt.D(dsum)};{msum};{Fmt.Of(fsum)}");
    }

    private enum Color : byte
    {
        Red,
        Green,
        Blue,
    }

    private enum Big : long
    {
        Small = 1,
        Huge = 1L << 40,
    }

    private struct Pixel
    {
        public byte R;
        public Color Tint;

        public override readonly string ToString() => Invariant($"{R}:{Tint}");
    }

    public static string ReferenceStructAndEnumArrays()
    {
        var strings = new string?[4];
        var objects = new object?[4];
        var pixels = new Pixel[3];
        var colors = new Color[4];
        var bigs = new Big[2];
        for (int i = 0; i < 4; i++)
        {
            strings[i] = i == 2 ? null : "s" + i.ToString(CultureInfo.InvariantCulture);
            objects[i] = i % 2 == 0 ? i : strings[i];
            colors[i] = (Color)(i % 3);
        }
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i].R = (byte)(i * 100);
            pixels[i].Tint = colors[i + 1];
        }
        pixels[2].Tint++;
        bigs[1] = Big.Huge;
        bigs[0] = bigs[1] | Big.Small;
        objects[3] = pixels[1];
        var copy = (int[])new[] { 5, 3, 9, 1 }.Clone();
        Array.Sort(copy);
        Array.Reverse(copy);
        Array.Resize(ref copy, 6);
        int idx = Array.IndexOf(strings, "s3");
        return Invariant($"{Fmt.Join(strings)};{Fmt.Join(objects)};{Fmt.Join(pixels)};{Fmt.Join(colors)};{(long)bigs[0]};{Fmt.Join(copy)};{idx}");
    }
}
