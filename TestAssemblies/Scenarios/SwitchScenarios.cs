namespace Scenarios;

/// <summary>switch statements (int, string, goto case) and pattern matching (type, property, relational, list patterns, switch expressions).</summary>
public static class SwitchScenarios
{
    public static string IntSwitchWithGotoCase()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 9; i++)
        {
            switch (i)
            {
                case 0:
                    sb.Append('z');
                    break;
                case 1:
                case 2:
                    sb.Append('s');
                    goto case 5;
                case 3:
                    sb.Append('t');
                    goto default;
                case 5:
                    sb.Append('f');
                    break;
                case 6:
                    sb.Append('x');
                    goto case 0;
                default:
                    sb.Append('d');
                    break;
            }
        }
        sb.Append('|');
        foreach (int code in new[] { 100, 7, 2000, -4, 31 })
        {
            switch (code)
            {
                case 7: sb.Append("seven "); break;
                case 31: sb.Append("thirty-one "); break;
                case 100: sb.Append("hundred "); break;
                case 2000: sb.Append("two-k "); break;
                default: sb.Append("other ").Append(code.ToString(CultureInfo.InvariantCulture)).Append(' '); break;
            }
        }
        return sb.ToString();
    }

    private static int StringCode(string s)
    {
        switch (s)
        {
            case "alpha": return 1;
            case "beta": return 2;
            case "gamma": return 3;
            case "delta": return 4;
            case "epsilon": return 5;
            case "zeta": return 6;
            case "eta": return 7;
            case "theta": return 8;
            case "": return 0;
            default: return -1;
        }
    }

    public static string StringSwitch()
    {
        string[] words = { "gamma", "eta", "omega", "", "alpha", "theta", "Beta" };
        var codes = new List<int>();
        foreach (var w in words)
            codes.Add(StringCode(w));
        string kind = words[1] switch
        {
            "eta" or "zeta" => "late",
            "alpha" => "first",
            _ => "?",
        };
        return Fmt.Join(codes) + ";" + kind;
    }

    private sealed class Animal
    {
        public string Name = "";
        public int Legs;
    }

    private static string TypeOf(object? o)
    {
        switch (o)
        {
            case null:
                return "null";
            case int i when i < 0:
                return "neg-int";
            case int i:
                return "int" + i.ToString(CultureInfo.InvariantCulture);
            case string { Length: > 3 } s:
                return "long-string:" + s;
            case string s:
                return "string:" + s;
            case int[] arr:
                return "ints#" + arr.Length.ToString(CultureInfo.InvariantCulture);
            case Animal a:
                return "animal:" + a.Name;
            default:
                return o.GetType().Name;
        }
    }

    public static string TypePatterns()
    {
        object?[] things = { 5, -3, "hi", "hello", new[] { 1, 2 }, new Animal { Name = "cat" }, null, 2.5 };
        var parts = new List<string>();
        foreach (var t in things)
            parts.Add(TypeOf(t));
        object boxed = 42;
        if (boxed is int n && n > 40)
            parts.Add("big" + n.ToString(CultureInfo.InvariantCulture));
        if (things[5] is not Animal { Legs: > 0 })
            parts.Add("legless");
        return string.Join(",", parts);
    }

    private static string Describe(Animal a) => a switch
    {
        { Legs: 0, Name: "snake" } => "snake",
        { Legs: 0 } => "no legs",
        { Legs: 2 or 4 } and { Name.Length: < 4 } => "short-named walker",
        { Legs: > 4 and <= 8 } => "many legs",
        { Legs: < 0 } => "invalid",
        _ => "other",
    };

    private static string Grade(int score) => score switch
    {
        >= 90 => "A",
        >= 75 and < 90 => "B",
        >= 50 => "C",
        < 0 or > 100 => "?",
        _ => "F",
    };

    public static string PropertyRelationalAndLogicalPatterns()
    {
        var animals = new[]
        {
            new Animal { Name = "snake", Legs = 0 },
            new Animal { Name = "worm", Legs = 0 },
            new Animal { Name = "dog", Legs = 4 },
            new Animal { Name = "spider", Legs = 8 },
            new Animal { Name = "horse", Legs = 4 },
            new Animal { Name = "bug", Legs = -1 },
        };
        var parts = new List<string>();
        foreach (var a in animals)
            parts.Add(Describe(a));
        animals[3].Legs = 10;
        parts.Add(Describe(animals[3]));
        var grades = new StringBuilder();
        foreach (var s in new[] { 95, 80, 60, 10, -5, 101 })
            grades.Append(Grade(s));
        var tuple = (animals[2].Legs, animals[2].Name) switch
        {
            (4, "dog") => "tuple-dog",
            (4, _) => "tuple-4",
            _ => "tuple-?",
        };
        return string.Join(",", parts) + ";" + grades + ";" + tuple;
    }

    private static string Classify(int[] a) => a switch
    {
        [] => "empty",
        [var x] => Invariant($"one:{x}"),
        [1, .., var last] => Invariant($"starts1:{last}"),
        [var f, var s, ..] when f == s => "pair-start",
        [_, _, .. var rest] => Invariant($"rest:{rest.Length}"),
    };

    public static string ListPatterns()
    {
        var parts = new List<string>();
        foreach (var a in new[] { Array.Empty<int>(), new[] { 7 }, new[] { 1, 2, 3 }, new[] { 4, 4, 9 }, new[] { 5, 6, 7, 8 } })
            parts.Add(Classify(a));
        var list = new List<int> { 3, 1, 4, 1, 5 };
        parts.Add(list is [3, _, .., 5] ? "list-ok" : "list-no");
        list[4] = 6;
        parts.Add(list is [.., > 5] ? "ends-big" : "ends-small");
        parts.Add("hello" is ['h', .., 'o'] ? "h..o" : "no");
        Span<int> span = stackalloc int[] { 9, 8 };
        parts.Add(span is [9, var second] ? "span:" + second.ToString(CultureInfo.InvariantCulture) : "span?");
        return string.Join(",", parts);
    }
}
