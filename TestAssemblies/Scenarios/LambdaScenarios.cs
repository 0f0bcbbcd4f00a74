namespace Scenarios;

/// <summary>Lambdas and closures: captured locals changed inside and outside, closures in loops, capturing this.</summary>
public static class LambdaScenarios
{
    public static string CapturedLocalModifiedInsideAndOutside()
    {
        int counter = 0;
        string log = "";
        Action inc = () =>
        {
            counter++;
            log += "i";
        };
        Func<int> read = () => counter;
        inc();
        inc();
        counter += 10;
        log += "o";
        inc();
        int seen = read();
        counter = -1;
        return Invariant($"{seen},{read()},{counter},{log}");
    }

    public static string ClosuresInLoops()
    {
        var shared = new List<Func<int>>();
        int i;
        for (i = 0; i < 4; i++)
            shared.Add(() => i); // one variable, seen after the loop: all 4
        var perIteration = new List<Func<int>>();
        for (int j = 0; j < 4; j++)
        {
            int copy = j * 10;
            perIteration.Add(() => copy++);
        }
        var fromForeach = new List<Func<int>>();
        foreach (var x in new[] { 5, 6, 7 })
            fromForeach.Add(() => x * 2);
        var sb = new StringBuilder();
        foreach (var f in shared)
            sb.Append(f().ToString(CultureInfo.InvariantCulture));
        sb.Append('|');
        foreach (var f in perIteration)
            sb.Append(Invariant($"{f()}{f()} "));
        sb.Append('|');
        foreach (var f in fromForeach)
            sb.Append(f().ToString(CultureInfo.InvariantCulture)).Append(' ');
        return sb.ToString();
    }

    public static string CounterFactoriesAndNestedScopes()
    {
        static (Func<int> Next, Action Reset) MakeCounter(int start, int step)
        {
            int value = start;
            return (() => value += step, () => value = start);
        }

        var a = MakeCounter(0, 1);
        var b = MakeCounter(100, -5);
        var seen = new List<int> { a.Next(), a.Next(), b.Next(), a.Next(), b.Next() };
        a.Reset();
        seen.Add(a.Next());
        int outer = 1;
        Func<int, Func<int, int>> curry = x =>
        {
            int middle = x * 10;
            return y => outer + middle + y;
        };
        var add12 = curry(1);
        outer = 1000;
        seen.Add(add12(2));
        var add3x = curry(3);
        middleChange(ref outer);
        seen.Add(add3x(4));
        return Fmt.Join(seen);

        static void middleChange(ref int o) => o += 1;
    }

    private sealed class Widget
    {
        private int clicks;
        private string name = "w";

        public Action MakeClicker(int by) => () =>
        {
            clicks += by;
            name += "*";
        };

        public string State => Invariant($"{name}:{clicks}");
    }

    public static string CapturingThisAndRecursiveLambda()
    {
        var w = new Widget();
        Action one = w.MakeClicker(1);
        Action five = w.MakeClicker(5);
        one();
        five();
        one();
        Func<int, long>? fact = null;
        fact = n => n <= 1 ? 1 : n * fact!(n - 1);
        Func<int, int, int> gcd = null!;
        gcd = (x, y) => y == 0 ? x : gcd(y, x % y);
        Func<int, int> staticLambda = static x => x * 3;
        return Invariant($"{w.State},{fact(7)},{gcd(84, 36)},{staticLambda(5)}");
    }
}
