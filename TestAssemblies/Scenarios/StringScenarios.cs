namespace Scenarios;

/// <summary>String building: StringBuilder (also held in a field), string.Concat, interpolation, string fields and arrays.</summary>
public static class StringScenarios
{
    private sealed class Report
    {
        public readonly StringBuilder Body = new();
        public string Title = "report";
        public int Lines;

        public void Line(string s)
        {
            Body.Append(Lines).Append(": ").Append(s).Append('\n');
            Lines++;
        }
    }

    public static string StringBuilderOperations()
    {
        var r = new Report();
        for (int i = 0; i < 4; i++)
            r.Line(new string((char)('a' + i), i + 1));
        r.Body.Insert(0, "[");
        r.Body.Replace("\n", "|");
        r.Body.Remove(r.Body.Length - 1, 1);
        r.Body.Append(']');
        r.Title += "#" + r.Lines.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder("x");
        for (int i = 0; i < 3; i++)
            sb.Append(sb.ToString());
        sb[3] = 'Y';
        return r.Title + " " + r.Body + " " + sb + " " + sb.Length.ToString(CultureInfo.InvariantCulture);
    }

    public static string ConcatInterpolationAndFormatting()
    {
        string s = "";
        for (int i = 0; i < 5; i++)
            s += i.ToString(CultureInfo.InvariantCulture);
        string concat = string.Concat("a", s, "b", "c") + string.Concat(new[] { "x", "y", "z" });
        double pi = Math.PI;
        decimal price = 1234.5m;
        string formatted = Invariant($"[{42,5}|{-7,-4}|{pi:F3}|{price:N2}|{255:X4}|{0.125:P1}|{pi}]");
        string created = string.Create(CultureInfo.InvariantCulture, $"{1.5:F2}-{DateTimeKind.Utc}");
        string joined = string.Join("/", new[] { 3, 1, 4 });
        string fmt = string.Format(CultureInfo.InvariantCulture, "{0}+{1}={2:F1}", 1, 2, 3.0);
        var chars = "hello".ToCharArray();
        Array.Reverse(chars);
        string upper = new string(chars).ToUpperInvariant();
        string[] split = "a,b,,c".Split(',');
        return string.Join(" ", concat, formatted, created, joined, fmt, upper, split.Length.ToString(CultureInfo.InvariantCulture), "  pad ".Trim().PadLeft(5, '.'), "substring".Substring(3, 4));
    }

    private sealed class Doc
    {
        public string Text = "alpha";
        public string[] Tags = { "zeta", "Alpha", "beta", "alpha" };
        public string? Note;
    }

    public static string StringFieldsAndComparisons()
    {
        var d = new Doc();
        d.Text += "-beta";
        d.Text = d.Text.Replace("alpha", "ALPHA", StringComparison.Ordinal);
        d.Note ??= d.Text[..5];
        d.Tags[1] = d.Tags[1].ToLowerInvariant();
        Array.Sort(d.Tags, StringComparer.Ordinal);
        int cmp = string.CompareOrdinal(d.Tags[0], d.Tags[2]);
        bool eq = string.Equals(d.Tags[0], d.Tags[1], StringComparison.Ordinal);
        bool same = ReferenceEquals(string.Intern(d.Tags[0]), "alpha");
        int idx = d.Text.IndexOf("beta", StringComparison.Ordinal);
        return Invariant($"{d.Text},{d.Note},{Fmt.Join(d.Tags)},{Math.Sign(cmp)},{eq},{same},{idx},{d.Text.Length},{d.Text.StartsWith("ALP", StringComparison.Ordinal)}");
    }
}
