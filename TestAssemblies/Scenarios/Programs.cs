namespace Scenarios;

/// <summary>A sorted linked-list set of ints (class Node { int Value; Node Next; }).</summary>
public static class IntSetScenarios
{
    private sealed class Node
    {
        public int Value;
        public Node? Next;

        public Node(int value, Node? next)
        {
            Value = value;
            Next = next;
        }
    }

    private sealed class IntSet
    {
        private readonly Node head = new(int.MinValue, new Node(int.MaxValue, null));
        public int Count;

        public bool Insert(int v)
        {
            Node prev = head;
            Node cur = head.Next!;
            while (cur.Value < v)
            {
                prev = cur;
                cur = cur.Next!;
            }
            if (cur.Value == v)
                return false;
            prev.Next = new Node(v, cur);
            Count++;
            return true;
        }

        public bool Remove(int v)
        {
            Node prev = head;
            Node cur = head.Next!;
            while (cur.Value < v)
            {
                prev = cur;
                cur = cur.Next!;
            }
            if (cur.Value != v)
                return false;
            prev.Next = cur.Next;
            Count--;
            return true;
        }

        public bool Contains(int v)
        {
            Node cur = head.Next!;
            while (cur.Value < v)
                cur = cur.Next!;
            return cur.Value == v;
        }

        public List<int> ToList()
        {
            var list = new List<int>();
            for (Node? n = head.Next; n is not null && n.Next is not null; n = n.Next)
                list.Add(n.Value);
            return list;
        }
    }

    public static string InsertRemoveContains()
    {
        var set = new IntSet();
        var inserted = new StringBuilder();
        foreach (int v in new[] { 5, 2, 8, 2, 1, 9, 5 })
            inserted.Append(set.Insert(v) ? '+' : '=');
        var removed = new StringBuilder();
        foreach (int v in new[] { 8, 3, 1 })
            removed.Append(set.Remove(v) ? '-' : '?');
        var contains = new StringBuilder();
        foreach (int v in new[] { 1, 2, 5, 8, 9 })
            contains.Append(set.Contains(v) ? 'y' : 'n');
        return Invariant($"{inserted},{removed},{contains},{Fmt.Join(set.ToList())},{set.Count}");
    }

    public static string UnionAndIntersection()
    {
        var a = new IntSet();
        var b = new IntSet();
        foreach (int v in new[] { 1, 3, 5 })
            a.Insert(v);
        foreach (int v in new[] { 3, 4 })
            b.Insert(v);
        var union = new IntSet();
        var both = new IntSet();
        foreach (int v in a.ToList())
            union.Insert(v);
        foreach (int v in b.ToList())
        {
            union.Insert(v);
            if (a.Contains(v))
                both.Insert(v);
        }
        return Invariant($"{Fmt.Join(union.ToList())}/{union.Count};{Fmt.Join(both.ToList())}/{both.Count}");
    }
}

/// <summary>A bank: an array of accounts, transfers that preserve the total.</summary>
public static class BankScenarios
{
    private sealed class Account
    {
        public readonly int Id;
        public long Balance;
        public int Ops;

        public Account(int id, long balance)
        {
            Id = id;
            Balance = balance;
        }
    }

    private sealed class Bank
    {
        public readonly Account[] Accounts;
        public int Failed;

        public Bank(int n, long each)
        {
            Accounts = new Account[n];
            for (int i = 0; i < n; i++)
                Accounts[i] = new Account(i, each);
        }

        public void Transfer(int from, int to, long amount)
        {
            var a = Accounts[from];
            var b = Accounts[to];
            if (a.Balance < amount)
            {
                Failed++;
                throw new InvalidOperationException(Invariant($"insufficient {a.Id}"));
            }
            a.Balance -= amount;
            b.Balance += amount;
            a.Ops++;
            b.Ops++;
        }

        public long Total()
        {
            long t = 0;
            foreach (var a in Accounts)
                t += a.Balance;
            return t;
        }

        public string Balances()
        {
            var sb = new StringBuilder();
            foreach (var a in Accounts)
                sb.Append(Invariant($"{a.Id}={a.Balance}/{a.Ops} "));
            return sb.ToString();
        }
    }

    public static string TransfersPreserveTotal()
    {
        var bank = new Bank(5, 100);
        var errors = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            int from = i * 3 % 5;
            int to = (i * 7 + 1) % 5;
            if (from == to)
                continue;
            try
            {
                bank.Transfer(from, to, 30 + i * 10);
            }
            catch (InvalidOperationException e)
            {
                errors.Add(e.Message);
            }
        }
        return Invariant($"{bank.Balances()}total={bank.Total()} failed={bank.Failed} [{string.Join(",", errors)}]");
    }

    public static string TransferBatchWithRollback()
    {
        var bank = new Bank(4, 50);
        var batch = new (int From, int To, long Amount)[] { (0, 1, 20), (1, 2, 60), (2, 3, 100), (3, 0, 5) };
        int applied = 0;
        string outcome;
        try
        {
            for (; applied < batch.Length; applied++)
                bank.Transfer(batch[applied].From, batch[applied].To, batch[applied].Amount);
            outcome = "all";
        }
        catch (InvalidOperationException e)
        {
            // compensate in reverse order
            for (int i = applied - 1; i >= 0; i--)
                bank.Transfer(batch[i].To, batch[i].From, batch[i].Amount);
            outcome = "rolled back after " + applied.ToString(CultureInfo.InvariantCulture) + ": " + e.Message;
        }
        return Invariant($"{outcome}; {bank.Balances()}total={bank.Total()}");
    }
}

/// <summary>An unsynchronized counter object (single-threaded here; see UnsafeCounter for the threaded one).</summary>
public static class CounterScenarios
{
    private sealed class Counter
    {
        public long Count;
        public int Increments;

        public void Increment()
        {
            Count++;
            Increments++;
        }

        public void Add(long n)
        {
            Count += n;
            Increments++;
        }
    }

    private static long globalCount;

    public static string UnsynchronizedCounter()
    {
        globalCount = 0;
        var c = new Counter();
        for (int i = 0; i < 20; i++)
            c.Increment();
        for (int i = 1; i <= 5; i++)
            c.Add(i * 100);
        var many = new Counter[3];
        for (int i = 0; i < many.Length; i++)
            many[i] = new Counter();
        for (int i = 0; i < 12; i++)
        {
            many[i % 3].Increment();
            globalCount++;
        }
        many[1].Count = -many[1].Count;
        return Invariant($"{c.Count},{c.Increments};{many[0].Count},{many[1].Count},{many[2].Increments};{globalCount}");
    }
}

/// <summary>Compute kernels: small matrix multiplies on double[,] and double[][], a saxpy.</summary>
public static class KernelScenarios
{
    public static string MatrixMultiply2D()
    {
        const int n = 3;
        var a = new double[n, n];
        var b = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = i + j * 0.5;
                b[i, j] = i == j ? 2.0 : 1.0 / (i + j + 1);
            }
        }
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                    s += a[i, k] * b[k, j];
                c[i, j] = s;
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++)
            trace += c[i, i];
        var cells = new List<string>();
        foreach (double x in c)
            cells.Add(Fmt.F4(x));
        return string.Join(" ", cells) + "; trace=" + Fmt.F4(trace);
    }

    public static string MatrixMultiplyJaggedAndSaxpy()
    {
        const int n = 3;
        var a = new double[n][];
        var b = new double[n][];
        var c = new double[n][];
        for (int i = 0; i < n; i++)
        {
            a[i] = new double[n];
            b[i] = new double[n];
            c[i] = new double[n];
            for (int j = 0; j < n; j++)
            {
                a[i][j] = (i * n + j) * 0.25;
                b[i][j] = i == j ? 1.0 : -0.5;
            }
        }
        for (int i = 0; i < n; i++)
        {
            var rowA = a[i];
            var rowC = c[i];
            for (int k = 0; k < n; k++)
            {
                double aik = rowA[k];
                var rowB = b[k];
                for (int j = 0; j < n; j++)
                    rowC[j] += aik * rowB[j];
            }
        }
        var x = new double[8];
        var y = new double[8];
        for (int i = 0; i < 8; i++)
        {
            x[i] = i * 1.5;
            y[i] = 8 - i;
        }
        const double alpha = 0.3;
        for (int i = 0; i < 8; i++)
            y[i] += alpha * x[i];
        var rows = new List<string>();
        foreach (var row in c)
        {
            var cells = new List<string>();
            foreach (var v in row)
                cells.Add(Fmt.F4(v));
            rows.Add(string.Join(" ", cells));
        }
        var ys = new List<string>();
        foreach (var v in y)
            ys.Add(Fmt.F4(v));
        return string.Join(" | ", rows) + "; y=" + string.Join(" ", ys);
    }
}
