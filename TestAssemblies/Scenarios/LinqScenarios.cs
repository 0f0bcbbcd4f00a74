namespace Scenarios;

/// <summary>LINQ to objects over small lists: filtering, projection, ordering, grouping, joins, deferred execution.</summary>
public static class LinqScenarios
{
    private sealed record Employee(string Name, int Dept, int Salary);

    private sealed record Department(int Id, string Title);

    private static List<Employee> Staff() => new()
    {
        new("ann", 1, 50),
        new("bob", 2, 40),
        new("cid", 1, 65),
        new("dee", 3, 40),
        new("eve", 2, 70),
        new("fay", 1, 40),
    };

    public static string WhereSelectOrderBy()
    {
        var xs = new List<int> { 5, 3, 8, 1, 9, 2, 7 };
        var oddSquares = xs.Where(x => x % 2 == 1).Select(x => x * x).OrderBy(x => x).ToList();
        var indexed = xs.Select((x, i) => x * i).OrderByDescending(x => x).Take(3).ToList();
        var names = Staff().OrderByDescending(e => e.Salary).ThenBy(e => e.Name).Select(e => e.Name).ToList();
        return Invariant($"{Fmt.Join(oddSquares)};{Fmt.Join(indexed)};{Fmt.Join(names)}");
    }

    public static string GroupByAndAggregate()
    {
        var staff = Staff();
        var sb = new StringBuilder();
        foreach (var g in staff.GroupBy(e => e.Dept))
            sb.Append(Invariant($"{g.Key}:{g.Count()}/{g.Sum(e => e.Salary)}/{g.Max(e => e.Salary)} "));
        Dictionary<int, string> byDept = staff.GroupBy(e => e.Dept).ToDictionary(g => g.Key, g => string.Join("+", g.Select(e => e.Name)));
        foreach (var kv in byDept)
            sb.Append(Invariant($"{kv.Key}={kv.Value} "));
        int product = new[] { 1, 2, 3, 4, 5 }.Aggregate(1, (acc, x) => acc * x);
        string folded = staff.Aggregate("", (acc, e) => acc + e.Name[0]);
        double avg = staff.Average(e => e.Salary);
        Dictionary<string, int> lookup = staff.ToDictionary(e => e.Name, e => e.Salary);
        sb.Append(Invariant($"{product},{folded},{Fmt.F4(avg)},{lookup["eve"]}"));
        return sb.ToString();
    }

    public static string QuerySyntaxJoins()
    {
        var depts = new List<Department> { new(1, "eng"), new(2, "ops"), new(3, "art") };
        var query =
            from e in Staff()
            join d in depts on e.Dept equals d.Id
            let bonus = e.Salary / 10
            where bonus >= 4
            orderby d.Title, e.Salary descending
            select Invariant($"{d.Title}:{e.Name}+{bonus}");
        var pairs =
            from a in new[] { 1, 2, 3 }
            from b in new[] { 10, 20 }
            where (a + b) % 2 == 1
            select a * b;
        return Fmt.Join(query) + ";" + Fmt.Join(pairs);
    }

    public static string DeferredExecutionAndOperators()
    {
        var xs = new List<int> { 4, 1, 6, 3, 6, 9 };
        int threshold = 3;
        var above = xs.Where(x => x > threshold);
        threshold = 5;
        int countNow = above.Count();
        xs.Add(7);
        int countLater = above.Count();
        var snapshot = above.ToList();
        xs.Add(100);
        var distinct = xs.Distinct().ToList();
        var zipped = xs.Zip(distinct, (a, b) => a - b).ToList();
        var flattened = new[] { new[] { 1, 2 }, new[] { 3 }, Array.Empty<int>() }.SelectMany(a => a).ToList();
        var sb = new StringBuilder();
        sb.Append(Invariant($"{countNow},{countLater},{Fmt.Join(snapshot)};{Fmt.Join(distinct)};{Fmt.Join(zipped)};{Fmt.Join(flattened)};"));
        sb.Append(Invariant($"{xs.Any(x => x > 50)},{xs.All(x => x > 0)},{xs.First(x => x > 5)},{xs.LastOrDefault(x => x < 0)},{xs.SkipWhile(x => x < 5).Count()},{xs.Min()},{xs.Max()},{xs.Sum()}"));
        return sb.ToString();
    }
}
