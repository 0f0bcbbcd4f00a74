namespace Legacy;

/// <summary>
/// The benchmark entry points. Each builds fresh data, runs a fixed-seed operation sequence on one
/// thread and returns a checksum that depends on every result, so original and woven runs can be
/// compared exactly. The <c>Run*</c> methods take the shared structure and a seed, so that a later
/// multithreaded driver can run them from several threads on one structure (without locks: the
/// woven program is what makes that safe).
/// </summary>
public static class Workloads
{
    public const ulong DefaultSeed = 0x9E3779B97F4A7C15;

    /// <summary>Keys 0..255; the set is prefilled with the even ones.</summary>
    public const int IntSetKeyRange = 256;

    public const int BankAccounts = 64;
    public const long InitialBalance = 1_000;

    /// <summary>A sorted-list intset: 80% lookups, 10% inserts, 10% removes over 256 keys.</summary>
    public static long IntSet(int ops)
    {
        var set = new SortedIntList();
        for (int key = 0; key < IntSetKeyRange; key += 2)
            set.Insert(key);
        return RunIntSet(set, ops, DefaultSeed) * 31 + set.Checksum();
    }

    public static long RunIntSet(SortedIntList set, int ops, ulong seed)
    {
        var random = new XorShift(seed);
        long hits = 0;
        for (int i = 0; i < ops; i++)
        {
            uint r = random.Next();
            int key = (int)(r % IntSetKeyRange);
            uint kind = (r >> 16) % 10;
            bool hit = kind switch
            {
                0 => set.Insert(key),
                1 => set.Remove(key),
                _ => set.Contains(key),
            };
            if (hit)
                hits += kind + 1;
        }
        return hits;
    }

    /// <summary>64 accounts, transfers of 1..100 between pseudo-random pairs (refused when the balance is short).</summary>
    public static long Bank(int transfers)
    {
        var bank = new Bank(BankAccounts, InitialBalance);
        long done = RunBank(bank, transfers, DefaultSeed);
        return bank.Total() * 1_000_003 + bank.BalanceOf(0) * 7919 + bank.BalanceOf(17) * 31 + bank.BalanceOf(BankAccounts - 1) + done;
    }

    public static long RunBank(Bank bank, int transfers, ulong seed)
    {
        var random = new XorShift(seed);
        int accounts = bank.Count;
        long done = 0;
        for (int i = 0; i < transfers; i++)
        {
            int from = (int)(random.Next() % (uint)accounts);
            int to = (int)(random.Next() % (uint)accounts);
            long amount = 1 + random.Next() % 100;
            if (bank.Transfer(from, to, amount))
                done++;
        }
        return done;
    }

    /// <summary>An object with a long field, incremented through a small method call per increment.</summary>
    public static long Counter(int increments)
    {
        var counter = new Counter();
        RunCounter(counter, increments);
        return counter.Value;
    }

    public static void RunCounter(Counter counter, int increments)
    {
        for (int i = 0; i < increments; i++)
            counter.Increment();
    }

    /// <summary>C = A × B for n×n matrices of doubles (rectangular arrays, the naive i-k-j loop).</summary>
    public static long Kernel(int n)
    {
        var a = new double[n, n];
        var b = new double[n, n];
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = (i * 7 + j * 3) % 11 - 5;
                b[i, j] = (i * 5 + j * 13) % 17 * 0.25;
            }
        }
        MultiplyRows(a, b, c, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                sum += c[i, j] * ((i + 2 * j) % 5 + 1);
        }
        return BitConverter.DoubleToInt64Bits(sum);
    }

    /// <summary>Rows <paramref name="rowStart"/> to <paramref name="rowEnd"/> (exclusive) of C += A × B.</summary>
    public static void MultiplyRows(double[,] a, double[,] b, double[,] c, int rowStart, int rowEnd)
    {
        int n = a.GetLength(1);
        int m = b.GetLength(1);
        for (int i = rowStart; i < rowEnd; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i, k];
                for (int j = 0; j < m; j++)
                    c[i, j] += aik * b[k, j];
            }
        }
    }
}

/// <summary>Marsaglia's xorshift32: the same sequence everywhere for a seed.</summary>
public sealed class XorShift
{
    private uint _state;

    public XorShift(ulong seed)
    {
        _state = (uint)(seed ^ (seed >> 32));
        if (_state == 0)
            _state = 2463534242;
    }

    public uint Next()
    {
        uint x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return x;
    }
}

public sealed class Node
{
    public int Value;
    public Node? Next;

    public Node(int value, Node? next)
    {
        Value = value;
        Next = next;
    }
}

/// <summary>A sorted singly linked list of ints between two sentinels.</summary>
public sealed class SortedIntList
{
    private Node _head = new(int.MinValue, new Node(int.MaxValue, null));

    public int Count;

    public bool Insert(int value)
    {
        Node prev = _head;
        Node cur = prev.Next!;
        while (cur.Value < value)
        {
            prev = cur;
            cur = cur.Next!;
        }
        if (cur.Value == value)
            return false;
        prev.Next = new Node(value, cur);
        Count++;
        return true;
    }

    public bool Remove(int value)
    {
        Node prev = _head;
        Node cur = prev.Next!;
        while (cur.Value < value)
        {
            prev = cur;
            cur = cur.Next!;
        }
        if (cur.Value != value)
            return false;
        prev.Next = cur.Next;
        Count--;
        return true;
    }

    public bool Contains(int value)
    {
        Node cur = _head.Next!;
        while (cur.Value < value)
            cur = cur.Next!;
        return cur.Value == value;
    }

    /// <summary>Count and the position-weighted sum of the members.</summary>
    public long Checksum()
    {
        long sum = Count;
        int position = 1;
        for (Node cur = _head.Next!; cur.Next is not null; cur = cur.Next)
            sum += (long)cur.Value * position++;
        return sum;
    }
}

public sealed class Account
{
    public long Balance;
}

public sealed class Bank
{
    private Account[] _accounts;

    public Bank(int accounts, long initialBalance)
    {
        _accounts = new Account[accounts];
        for (int i = 0; i < accounts; i++)
            _accounts[i] = new Account { Balance = initialBalance };
    }

    public int Count => _accounts.Length;

    public bool Transfer(int from, int to, long amount)
    {
        if (from == to)
            return false;
        Account source = _accounts[from];
        if (source.Balance < amount)
            return false;
        source.Balance -= amount;
        _accounts[to].Balance += amount;
        return true;
    }

    public long BalanceOf(int account) => _accounts[account].Balance;

    public long Total()
    {
        long total = 0;
        foreach (var account in _accounts)
            total += account.Balance;
        return total;
    }
}

/// <summary>A counter with no synchronization at all (the lost-update classic).</summary>
public sealed class Counter
{
    private long _value;

    public long Value => _value;

    public void Increment() => _value++;
}

/// <summary>
/// Legacy code that forgot its lock: threads increment one counter with no synchronization. The
/// increment is a separate load and store (not inlined), so unwoven, threads that overlap lose
/// updates; woven, every increment is part of a transaction and none is lost.
/// </summary>
public static class SharedCounter
{
    public static long IncrementFromThreads(int threads, int incrementsPerThread)
    {
        var counter = new Counter();
        int ready = 0;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                // Start together, so the loops overlap.
                Interlocked.Increment(ref ready);
                while (Volatile.Read(ref ready) < threads)
                {
                }
                for (int i = 0; i < incrementsPerThread; i++)
                    IncrementOnce(counter);
            });
        }
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();
        return counter.Value;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void IncrementOnce(Counter counter) => counter.Increment();
}
