namespace Legacy;

/// <summary>
/// Lock-based legacy programs: correct multithreaded code that serializes its shared state with
/// one coarse lock, for the woven-vs-original lock benchmarks (tests/Benchmarks/LockComparison.cs).
/// Each entry point <c>public static long Name(int threads, int operationsPerThread)</c> builds
/// fresh data, starts <c>threads</c> threads together, joins them and returns a checksum that does
/// not depend on how the threads interleaved (so original and woven runs compare exactly), and
/// throws if it finds its data inconsistent. The three use the three ways C# code takes a lock:
/// the <c>lock</c> statement on an object (Monitor.Enter(object, ref bool)), the <c>lock</c>
/// statement on a <see cref="Lock"/> (EnterScope) and explicit Monitor.Enter/Exit.
/// </summary>
public static class LockedWorkloads
{
    public const int BankAccounts = 4096;
    public const long InitialBalance = 1_000;
    public const int OperationsPerAudit = 1_000;

    /// <summary>Keys 0..511; the set is prefilled with the even ones.</summary>
    public const int IntSetKeyRange = 512;

    /// <summary>
    /// 4096 accounts in one array behind one global lock (<c>lock (object)</c>). Each operation
    /// moves 1..100 between two pseudo-random accounts (refused when the balance is short); every
    /// 1000 operations a thread audits the whole bank under the lock. Checksum: the final total.
    /// </summary>
    public static long CoarseLockBank(int threads, int operationsPerThread)
    {
        var bank = new BankWithOneLock(BankAccounts, InitialBalance);
        long expected = BankAccounts * InitialBalance;
        RunThreads(threads, thread =>
        {
            uint state = SeedFor(thread);
            for (int i = 1; i <= operationsPerThread; i++)
            {
                state = Step(state);
                int from = (int)(state % BankAccounts);
                state = Step(state);
                int to = (int)(state % BankAccounts);
                state = Step(state);
                long amount = 1 + state % 100;
                bank.Transfer(from, to, amount);
                if (i % OperationsPerAudit == 0)
                {
                    long audited = bank.Audit();
                    if (audited != expected)
                        throw new InvalidOperationException($"Audit found a total of {audited}, expected {expected}.");
                }
            }
        });
        return bank.Audit();
    }

    /// <summary>
    /// A sorted linked-list intset behind one <see cref="Lock"/>, prefilled with the 256 even keys
    /// of 0..511: 80% lookups of any key, 10% inserts, 10% removes. Each thread inserts and removes
    /// only the keys it owns (those equal to its index modulo the thread count), so the final
    /// contents are the same in every interleaving. Checksum: the final size and the
    /// position-weighted sum of the members; the list must still be sorted.
    /// </summary>
    public static long LockedIntSet(int threads, int operationsPerThread)
    {
        var set = new IntSetWithOneLock();
        for (int key = 0; key < IntSetKeyRange; key += 2)
            set.Add(key);
        int ownedKeys = IntSetKeyRange / threads;
        RunThreads(threads, thread =>
        {
            uint state = SeedFor(thread);
            for (int i = 0; i < operationsPerThread; i++)
            {
                state = Step(state);
                uint kind = (state >> 16) % 10;
                int anyKey = (int)(state % IntSetKeyRange);
                int ownKey = (int)(state % (uint)ownedKeys) * threads + thread;
                switch (kind)
                {
                    case 0:
                        set.Add(ownKey);
                        break;
                    case 1:
                        set.Remove(ownKey);
                        break;
                    default:
                        set.Contains(anyKey);
                        break;
                }
            }
        });
        return set.CheckedChecksum();
    }

    /// <summary>
    /// One counter behind one lock (explicit Monitor.Enter/Exit), incremented by every operation of
    /// every thread, with a little arithmetic in the same critical section: every region conflicts.
    /// Checksum: the counter, threads × operationsPerThread.
    /// </summary>
    public static long ConflictingCounter(int threads, int operationsPerThread)
    {
        var counter = new CounterWithLock();
        var results = new long[threads];
        RunThreads(threads, thread =>
        {
            long work = thread + 1;
            for (int i = 0; i < operationsPerThread; i++)
                work = counter.Increment(work);
            // Each thread's own result, so the arithmetic is not optimized away.
            results[thread] = work;
        });
        return counter.Value;
    }

    /// <summary>
    /// A cache of computed values in a <see cref="Dictionary{TKey, TValue}"/> behind one lock
    /// (<c>lock (object)</c>), prefilled with keys 0..1023: 95% of the operations look up a key of
    /// that range, 5% store a freshly computed value under one of 64 more keys (the indexer:
    /// added the first time, overwritten after). Checksum: the sum of the values found, which
    /// does not depend on the interleaving (every value is a function of its key), plus the
    /// final entry count; every entry must hold its key's value.
    /// </summary>
    public static long LockedDictionaryCache(int threads, int operationsPerThread)
    {
        var cache = new CacheWithLock(CacheKeys);
        var found = new long[threads];
        RunThreads(threads, thread =>
        {
            uint state = SeedFor(thread);
            long sum = 0;
            for (int i = 0; i < operationsPerThread; i++)
            {
                state = Step(state);
                if (state % 100 < 95)
                {
                    state = Step(state);
                    long value = cache.Get((int)(state % CacheKeys));
                    sum += value;
                }
                else
                {
                    state = Step(state);
                    int key = CacheKeys + (int)(state % CacheStoredKeys);
                    cache.Store(key, CacheWithLock.Compute(key));
                }
            }
            found[thread] = sum;
        });
        return found.Sum() + cache.CheckedCount();
    }

    public const int CacheKeys = 1024;
    public const int CacheStoredKeys = 64;

    /// <summary>
    /// Starts <paramref name="threads"/> threads that wait for each other (so their loops overlap),
    /// runs <paramref name="body"/> on each with its index, joins them, and rethrows a failure.
    /// </summary>
    private static void RunThreads(int threads, Action<int> body)
    {
        int ready = 0;
        Exception? failure = null;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                Interlocked.Increment(ref ready);
                while (Volatile.Read(ref ready) < threads)
                {
                }
                try
                {
                    body(index);
                }
                catch (Exception exception)
                {
                    Interlocked.CompareExchange(ref failure, exception, null);
                }
            });
        }
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();
        if (failure is not null)
            throw new InvalidOperationException("A worker thread failed: " + failure.Message, failure);
    }

    /// <summary>A nonzero xorshift32 state per thread index: every thread has its own fixed sequence.</summary>
    private static uint SeedFor(int thread) => (uint)(thread + 1) * 0x9E3779B9u;

    /// <summary>One step of Marsaglia's xorshift32, on a local (no shared state).</summary>
    private static uint Step(uint x)
    {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
    }
}

/// <summary>Balances in one array; every method takes the bank's one lock.</summary>
public sealed class BankWithOneLock
{
    private readonly object _gate = new();
    private readonly long[] _balances;

    public BankWithOneLock(int accounts, long initialBalance)
    {
        _balances = new long[accounts];
        for (int i = 0; i < accounts; i++)
            _balances[i] = initialBalance;
    }

    public bool Transfer(int from, int to, long amount)
    {
        lock (_gate)
        {
            if (from == to || _balances[from] < amount)
                return false;
            _balances[from] -= amount;
            _balances[to] += amount;
            return true;
        }
    }

    /// <summary>The total of all balances, read under the lock (a consistent snapshot).</summary>
    public long Audit()
    {
        lock (_gate)
        {
            long total = 0;
            for (int i = 0; i < _balances.Length; i++)
                total += _balances[i];
            return total;
        }
    }
}

/// <summary>A sorted singly linked list of ints between two sentinels; every method takes the set's one lock.</summary>
public sealed class IntSetWithOneLock
{
    private readonly Lock _gate = new();
    private readonly Node _head = new(int.MinValue, new Node(int.MaxValue, null));
    private int _count;

    public bool Add(int key)
    {
        lock (_gate)
        {
            Node prev = _head;
            Node cur = prev.Next!;
            while (cur.Value < key)
            {
                prev = cur;
                cur = cur.Next!;
            }
            if (cur.Value == key)
                return false;
            prev.Next = new Node(key, cur);
            _count++;
            return true;
        }
    }

    public bool Remove(int key)
    {
        lock (_gate)
        {
            Node prev = _head;
            Node cur = prev.Next!;
            while (cur.Value < key)
            {
                prev = cur;
                cur = cur.Next!;
            }
            if (cur.Value != key)
                return false;
            prev.Next = cur.Next;
            _count--;
            return true;
        }
    }

    public bool Contains(int key)
    {
        lock (_gate)
        {
            Node cur = _head.Next!;
            while (cur.Value < key)
                cur = cur.Next!;
            return cur.Value == key;
        }
    }

    /// <summary>The size and the position-weighted sum of the members; throws if the list is unsorted or the size is off.</summary>
    public long CheckedChecksum()
    {
        lock (_gate)
        {
            long sum = 0;
            int position = 0;
            int previous = int.MinValue;
            for (Node cur = _head.Next!; cur.Next is not null; cur = cur.Next)
            {
                if (cur.Value <= previous)
                    throw new InvalidOperationException($"The set is not sorted: {cur.Value} follows {previous}.");
                previous = cur.Value;
                position++;
                sum += (long)cur.Value * position;
            }
            if (position != _count)
                throw new InvalidOperationException($"The set holds {position} keys but counts {_count}.");
            return _count * 1_000_003L + sum;
        }
    }
}

/// <summary>One shared counter; every increment takes the lock with explicit Monitor calls.</summary>
public sealed class CounterWithLock
{
    private readonly object _gate = new();
    private long _value;

    public long Value
    {
        get
        {
            Monitor.Enter(_gate);
            try
            {
                return _value;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }
    }

    /// <summary>Increments the counter and mixes <paramref name="work"/> a little, in one critical section.</summary>
    public long Increment(long work)
    {
        Monitor.Enter(_gate);
        try
        {
            _value++;
            work = work * 6364136223846793005L + 1442695040888963407L;
            work ^= work >> 29;
            return work;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}

/// <summary>A dictionary of computed values behind one lock: lookups only read it, stores add or overwrite.</summary>
public sealed class CacheWithLock
{
    private readonly object _gate = new();
    private readonly Dictionary<int, long> _values = [];

    public CacheWithLock(int keys)
    {
        for (int key = 0; key < keys; key++)
            _values.Add(key, Compute(key));
    }

    public static long Compute(int key) => (long)key * key + 7;

    public long Get(int key)
    {
        lock (_gate)
        {
            return _values.TryGetValue(key, out long value) ? value : -1;
        }
    }

    public void Store(int key, long value)
    {
        lock (_gate)
        {
            _values[key] = value;
        }
    }

    /// <summary>The number of entries; throws if one does not hold its key's value.</summary>
    public int CheckedCount()
    {
        lock (_gate)
        {
            foreach (var (key, value) in _values)
            {
                if (value != Compute(key))
                    throw new InvalidOperationException($"The cache holds {value} for key {key}.");
            }
            return _values.Count;
        }
    }
}
