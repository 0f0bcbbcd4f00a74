namespace Scenarios;

/// <summary>Nested loops, goto-based loops, labelled break/continue via goto, while/do-while.</summary>
public static class ControlFlowScenarios
{
    private sealed class Grid
    {
        public int[] Counts = new int[5];
        public int Visited;
    }

    public static string NestedLoops()
    {
        var g = new Grid();
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                if (j > i)
                    break;
                for (int k = 0; k < 3; k++)
                {
                    if ((i + j + k) % 4 == 3)
                        continue;
                    g.Counts[(i * j + k) % 5]++;
                    g.Visited++;
                }
            }
        }
        return Invariant($"{Fmt.Join(g.Counts)};{g.Visited}");
    }

    public static string GotoLoopsAndLabels()
    {
        var log = new StringBuilder();
        int i = 0;
        int sum = 0;
    loop:
        if (i >= 10)
            goto done;
        if (i % 3 == 0)
        {
            i++;
            goto loop;
        }
        sum += i;
        i++;
        goto loop;
    done:
        log.Append(Invariant($"sum={sum} "));

        // break out of two loops, and "continue outer", with goto
        int[,] m = { { 1, 2, 3 }, { 4, -1, 6 }, { 7, 8, 9 } };
        int found = -1;
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                if (m[r, c] < 0)
                {
                    found = r * 3 + c;
                    goto afterSearch;
                }
            }
        }
    afterSearch:
        log.Append(Invariant($"found={found} "));
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                if (m[r, c] % 2 == 0)
                    goto nextRow;
                log.Append(m[r, c].ToString(CultureInfo.InvariantCulture));
            }
            log.Append('!');
        nextRow:
            log.Append('/');
        }
        return log.ToString();
    }

    private sealed class Collatz
    {
        public int Steps;
        public int Peak;
    }

    public static string WhileAndDoWhile()
    {
        var results = new List<string>();
        foreach (int start in new[] { 6, 7, 1 })
        {
            var c = new Collatz();
            int n = start;
            while (n != 1)
            {
                n = n % 2 == 0 ? n / 2 : 3 * n + 1;
                c.Steps++;
                if (n > c.Peak)
                    c.Peak = n;
                if (c.Steps > 20)
                    break;
            }
            results.Add(Invariant($"{start}:{c.Steps}/{c.Peak}"));
        }
        int k = 100;
        int iterations = 0;
        do
        {
            k /= 3;
            iterations++;
        }
        while (k > 0);
        int w = 0;
        while (true)
        {
            if (++w == 3)
                continue;
            if (w >= 5)
                break;
        }
        results.Add(Invariant($"do={iterations},w={w}"));
        return string.Join(",", results);
    }
}
