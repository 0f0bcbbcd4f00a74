namespace Scenarios;

/// <summary>Span&lt;T&gt; over heap arrays (slicing, writing through spans), stackalloc spans, ReadOnlySpan and Memory.</summary>
public static class SpanScenarios
{
    public static string SpanOverHeapArrays()
    {
        var a = new int[10];
        Span<int> s = a;
        for (int i = 0; i < s.Length; i++)
            s[i] = i * i;
        var mid = s.Slice(2, 4);
        mid[1] = -1;
        mid.Reverse();
        s[^1] = 99;
        a.AsSpan(6..9).Fill(7);
        s[..3].CopyTo(a.AsSpan(7));
        int sum = 0;
        foreach (var x in (ReadOnlySpan<int>)s)
            sum += x;
        return Invariant($"{Fmt.Join(a)};{sum};{s.IndexOf(7)};{mid.Length}");
    }

    public static string StackallocSpans()
    {
        Span<int> buf = stackalloc int[8];
        for (int i = 0; i < buf.Length; i++)
            buf[i] = (i + 1) * 3 % 5;
        buf.Sort();
        var heap = buf.ToArray();
        heap[0] = 42;
        Span<char> chars = stackalloc char[6];
        for (int i = 0; i < chars.Length; i++)
            chars[i] = (char)('a' + (i * 2 % 26));
        chars[2] = char.ToUpperInvariant(chars[2]);
        ReadOnlySpan<byte> utf8 = "abc"u8;
        int byteSum = 0;
        foreach (var b in utf8)
            byteSum += b;
        return Invariant($"{Fmt.Join(buf.ToArray())};{heap[0]};{new string(chars)};{byteSum}");
    }

    private struct Pixel
    {
        public byte R;
        public byte G;
    }

    private sealed class Image
    {
        public Pixel[] Pixels = new Pixel[4];
        public int[] Histogram = new int[5];
    }

    public static string SpansOfStructsAndMemory()
    {
        var img = new Image();
        Span<Pixel> px = img.Pixels;
        for (int i = 0; i < px.Length; i++)
        {
            px[i].R = (byte)(i * 60);
            px[i].G = (byte)(250 - i);
        }
        foreach (ref var p in px[1..3])
            p.R += 10;
        Memory<int> mem = img.Histogram.AsMemory(1, 3);
        mem.Span[0] = 4;
        mem.Slice(1).Span.Fill(2);
        ReadOnlySpan<char> text = "hello world".AsSpan();
        ReadOnlySpan<char> word = text[(text.IndexOf(' ') + 1)..];
        bool same = word.SequenceEqual("world");
        var parts = new List<string>();
        foreach (var p in img.Pixels)
            parts.Add(Invariant($"{p.R}/{p.G}"));
        return Invariant($"{string.Join(",", parts)};{Fmt.Join(img.Histogram)};{word.ToString()};{same}");
    }
}
