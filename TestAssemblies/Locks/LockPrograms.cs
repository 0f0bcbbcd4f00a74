namespace Locks;

/// <summary>
/// Multithreaded legacy programs that are correct because of their locks. Each checks its own
/// invariants and returns a deterministic string when they hold (the violation counts are part of
/// it; extra detail is appended only when something is wrong). The runner calls them as
/// <c>call Locks.dll Locks.LockPrograms Method args...</c>.
/// </summary>
public static class LockPrograms
{
    private const long InitialBalance = 1_000;

    /// <summary>One lock guards all balances; random transfers, and every 100th operation an audit of the total.</summary>
    public static string CoarseLockBank(int threads, int accounts, int transfersPerThread, int seed)
    {
        var bank = new CoarseBank(accounts);
        Crew.Run(threads, t =>
        {
            var random = new Random(seed + t);
            for (int i = 1; i <= transfersPerThread; i++)
            {
                int from = random.Next(accounts);
                int to = random.Next(accounts);
                long amount = random.Next(1, 101);
                bank.Transfer(from, to, amount, audit: i % 100 == 0);
            }
        });
        long total = bank.Total();
        long expectedAudits = (long)threads * (transfersPerThread / 100);
        string result = Invariant($"total={total},badAudits={bank.BadAudits}");
        if (bank.Audits != expectedAudits || total != accounts * InitialBalance)
            result += Invariant($",audits={bank.Audits},expectedAudits={expectedAudits},expectedTotal={accounts * InitialBalance}");
        return result;
    }

    /// <summary>A lock-guarded sorted linked list of ints: 80% Contains, 10% Add, 10% Remove.</summary>
    public static string SortedListIntSet(int threads, int operationsPerThread, int keyRange, int seed)
    {
        var set = new LockedSortedList();
        int initial = 0;
        for (int key = 0; key < keyRange && initial < keyRange / 2; key += 2)
        {
            if (set.Add(key))
                initial++;
        }
        var net = new long[threads];
        Crew.Run(threads, t =>
        {
            var random = new Random(seed + t);
            long adds = 0, removes = 0;
            for (int i = 0; i < operationsPerThread; i++)
            {
                int key = random.Next(keyRange);
                int kind = random.Next(100);
                if (kind < 80)
                    set.Contains(key);
                else if (kind < 90)
                    adds += set.Add(key) ? 1 : 0;
                else
                    removes += set.Remove(key) ? 1 : 0;
            }
            net[t] = adds - removes;
        });
        long expectedSize = initial;
        foreach (long n in net)
            expectedSize += n;
        var (sorted, size) = set.Check();
        string result = Invariant($"sorted={sorted},sizeMatches={size == expectedSize}");
        if (!sorted || size != expectedSize)
            result += Invariant($",size={size},expectedSize={expectedSize}");
        return result;
    }

    /// <summary>A Dictionary cache guarded by a System.Threading.Lock (C# lock statement): get-or-add of a pure function of the key.</summary>
    public static string LockedDictionaryCache(int threads, int lookupsPerThread, int keyRange, int seed)
    {
        var cache = new LockedCache();
        long wrong = 0;
        Crew.Run(threads, t =>
        {
            var random = new Random(seed + t);
            long wrongHere = 0;
            for (int i = 0; i < lookupsPerThread; i++)
            {
                int key = random.Next(keyRange);
                if (cache.GetOrAdd(key) != LockedCache.Compute(key))
                    wrongHere++;
            }
            Interlocked.Add(ref wrong, wrongHere);
        });
        var (count, badEntries, misses) = cache.Check();
        // Every key is computed exactly once: the misses are the entries.
        bool entriesCorrect = count <= keyRange && badEntries == 0 && misses == count;
        string result = Invariant($"wrong={wrong},entriesCorrect={entriesCorrect}");
        if (!entriesCorrect)
            result += Invariant($",count={count},badEntries={badEntries},misses={misses}");
        return result;
    }

    /// <summary>A bounded ring buffer with Monitor.Wait/PulseAll; items 1..N each consumed once.</summary>
    public static string BoundedProducerConsumer(int producers, int consumers, int itemsPerProducer, int capacity)
    {
        if (producers < 1 || consumers < 1 || itemsPerProducer < 0 || capacity < 1)
            throw new ArgumentOutOfRangeException(nameof(producers), "producers, consumers and capacity must be positive");
        int totalItems = producers * itemsPerProducer;
        var buffer = new BoundedBuffer(capacity, totalItems);
        Crew.Run(producers + consumers, t =>
        {
            if (t < producers)
            {
                for (int i = 0; i < itemsPerProducer; i++)
                    buffer.Put(t * itemsPerProducer + i + 1);
            }
            else
            {
                while (buffer.TakeOne())
                {
                }
            }
        });
        long expected = (long)totalItems * (totalItems + 1) / 2;
        var (sum, duplicates, consumed, missing) = buffer.Check();
        string result = Invariant($"sum={sum},expected={expected},duplicates={duplicates}");
        if (sum != expected || duplicates != 0 || consumed != totalItems || missing != 0)
            result += Invariant($",consumed={consumed},missing={missing}");
        return result;
    }

    /// <summary>Each thread prints numbered lines under one lock: in the output the numbers strictly increase and no line is torn.</summary>
    public static string OutputInsideLock(int threads, int linesPerThread)
    {
        var printer = new SequencedPrinter();
        Crew.Run(threads, t =>
        {
            for (int i = 0; i < linesPerThread; i++)
                printer.Print(t);
        });
        Console.Out.Flush();
        long total = printer.Sequence;
        string result = Invariant($"lines={total}");
        if (total != (long)threads * linesPerThread)
            result += Invariant($",expected={(long)threads * linesPerThread}");
        return result;
    }

    /// <summary>Two locks always taken in the same order: x (guarded by A) and y (guarded by B) move together.</summary>
    public static string NestedLocks(int threads, int operationsPerThread, int seed)
    {
        var pair = new LockedPair();
        Crew.Run(threads, t =>
        {
            var random = new Random(seed + t);
            for (int i = 0; i < operationsPerThread; i++)
            {
                pair.Step(random.Next(4));
                if (random.Next(4) == 0)
                    pair.CheckInnerOnly();
            }
        });
        var (x, y, violations) = pair.Snapshot();
        long expected = (long)threads * operationsPerThread;
        string result = Invariant($"x={x},y={y},violations={violations}");
        if (x != expected || y != expected)
            result += Invariant($",expected={expected}");
        return result;
    }

    /// <summary>Every third operation throws inside the lock; the lock is released every time.</summary>
    public static string ExceptionInsideLock(int threads, int operationsPerThread)
    {
        var gate = new object();
        var state = new ThrowingCounter();
        Crew.Run(threads, t =>
        {
            int caught = 0, stillHeld = 0;
            for (int i = 0; i < operationsPerThread; i++)
            {
                try
                {
                    lock (gate)
                    {
                        state.Counter++;
                        if (i % 3 == 2)
                            throw new InvalidOperationException("operation " + i.ToString(CultureInfo.InvariantCulture));
                    }
                }
                catch (InvalidOperationException)
                {
                    caught++;
                    if (Monitor.IsEntered(gate))
                        stillHeld++;
                }
            }
            lock (gate)
            {
                state.Caught += caught;
                state.HeldAfterCatch += stillHeld;
            }
        });
        bool enteredOnMain = Monitor.IsEntered(gate);
        bool takenByOther = false;
        var other = new Thread(() =>
        {
            if (Monitor.TryEnter(gate, 1_000))
            {
                takenByOther = true;
                Monitor.Exit(gate);
            }
        });
        other.Start();
        other.Join();
        long counter = state.Counter;
        long expectedCaught = (long)threads * (operationsPerThread / 3);
        string result = Invariant($"counter={counter}");
        if (counter != (long)threads * operationsPerThread || enteredOnMain || !takenByOther || state.Caught != expectedCaught || state.HeldAfterCatch != 0)
            result += Invariant($",expected={(long)threads * operationsPerThread},caught={state.Caught},expectedCaught={expectedCaught},heldAfterCatch={state.HeldAfterCatch},enteredOnMain={enteredOnMain},takenByOther={takenByOther}");
        return result;
    }

    /// <summary>Threads retry Monitor.TryEnter(o, 20) until it succeeds, then increment under the lock.</summary>
    public static string TryEnterWithTimeout(int threads, int operationsPerThread)
    {
        var gate = new object();
        var state = new ThrowingCounter();
        Crew.Run(threads, t =>
        {
            for (int i = 0; i < operationsPerThread; i++)
            {
                while (!Monitor.TryEnter(gate, 20))
                {
                }
                try
                {
                    state.Counter++;
                }
                finally
                {
                    Monitor.Exit(gate);
                }
            }
        });
        long counter = state.Counter;
        string result = Invariant($"counter={counter}");
        if (counter != (long)threads * operationsPerThread || Monitor.IsEntered(gate))
            result += Invariant($",expected={(long)threads * operationsPerThread}");
        return result;
    }

    /// <summary>
    /// Each thread exits a lock the main thread holds, exits a lock nobody holds and pulses the
    /// main thread's lock: three SynchronizationLockExceptions per thread; the main thread still
    /// holds its lock afterwards.
    /// </summary>
    public static string MisuseFromThreads(int threads)
    {
        var held = new object();
        int caught = 0;
        int other = 0;
        bool stillHeld;
        lock (held)
        {
            Crew.Run(threads, t =>
            {
                var unowned = new object();
                foreach (var misuse in new Action[] { () => Monitor.Exit(held), () => Monitor.Exit(unowned), () => Monitor.Pulse(held) })
                {
                    try
                    {
                        misuse();
                        Interlocked.Increment(ref other);
                    }
                    catch (SynchronizationLockException)
                    {
                        Interlocked.Increment(ref caught);
                    }
                }
            });
            stillHeld = Monitor.IsEntered(held);
        }
        string result = Invariant($"caught={caught}");
        if (caught != threads * 3 || other != 0 || !stillHeld || Monitor.IsEntered(held))
            result += Invariant($",expected={threads * 3},noException={other},stillHeld={stillHeld}");
        return result;
    }

    private sealed class CoarseBank
    {
        private readonly object _gate = new();
        private readonly long[] _balances;
        private readonly long _expectedTotal;
        public long BadAudits;
        public long Audits;

        public CoarseBank(int accounts)
        {
            _balances = new long[accounts];
            for (int i = 0; i < accounts; i++)
                _balances[i] = InitialBalance;
            _expectedTotal = accounts * InitialBalance;
        }

        public void Transfer(int from, int to, long amount, bool audit)
        {
            lock (_gate)
            {
                if (_balances[from] >= amount)
                {
                    _balances[from] -= amount;
                    _balances[to] += amount;
                }
                if (audit)
                {
                    Audits++;
                    if (SumUnlocked() != _expectedTotal)
                        BadAudits++;
                }
            }
        }

        public long Total()
        {
            lock (_gate)
                return SumUnlocked();
        }

        private long SumUnlocked()
        {
            long sum = 0;
            for (int i = 0; i < _balances.Length; i++)
                sum += _balances[i];
            return sum;
        }
    }

    private sealed class IntNode(int value, IntNode? next)
    {
        public int Value = value;
        public IntNode? Next = next;
    }

    private sealed class LockedSortedList
    {
        private readonly object _gate = new();
        private readonly IntNode _head = new(int.MinValue, null);

        public bool Contains(int value)
        {
            lock (_gate)
            {
                IntNode? current = _head.Next;
                while (current is not null && current.Value < value)
                    current = current.Next;
                return current is not null && current.Value == value;
            }
        }

        public bool Add(int value)
        {
            lock (_gate)
            {
                IntNode previous = _head;
                IntNode? current = previous.Next;
                while (current is not null && current.Value < value)
                {
                    previous = current;
                    current = current.Next;
                }
                if (current is not null && current.Value == value)
                    return false;
                previous.Next = new IntNode(value, current);
                return true;
            }
        }

        public bool Remove(int value)
        {
            lock (_gate)
            {
                IntNode previous = _head;
                IntNode? current = previous.Next;
                while (current is not null && current.Value < value)
                {
                    previous = current;
                    current = current.Next;
                }
                if (current is null || current.Value != value)
                    return false;
                previous.Next = current.Next;
                return true;
            }
        }

        /// <summary>Whether the values strictly increase, and how many there are.</summary>
        public (bool Sorted, long Count) Check()
        {
            lock (_gate)
            {
                bool sorted = true;
                long count = 0;
                int last = int.MinValue;
                for (IntNode? node = _head.Next; node is not null; node = node.Next)
                {
                    if (count > 0 && node.Value <= last)
                        sorted = false;
                    last = node.Value;
                    count++;
                }
                return (sorted, count);
            }
        }
    }

    private sealed class LockedCache
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<int, long> _values = [];
        private long _misses;

        public static long Compute(int key) => (long)key * key + 1;

        public long GetOrAdd(int key)
        {
            lock (_lock)
            {
                if (_values.TryGetValue(key, out long value))
                    return value;
                value = Compute(key);
                _values.Add(key, value);
                _misses++;
                return value;
            }
        }

        public (int Count, int BadEntries, long Misses) Check()
        {
            lock (_lock)
            {
                int bad = 0;
                foreach (var entry in _values)
                {
                    if (entry.Value != Compute(entry.Key))
                        bad++;
                }
                return (_values.Count, bad, _misses);
            }
        }
    }

    private sealed class BoundedBuffer
    {
        private readonly object _gate = new();
        private readonly int[] _items;
        private readonly bool[] _seen;
        private readonly int _total;
        private int _head;
        private int _count;
        private int _consumed;
        private long _sum;
        private int _duplicates;

        public BoundedBuffer(int capacity, int total)
        {
            _items = new int[capacity];
            _seen = new bool[total + 1];
            _total = total;
        }

        public void Put(int item)
        {
            lock (_gate)
            {
                while (_count == _items.Length)
                    Monitor.Wait(_gate);
                _items[(_head + _count) % _items.Length] = item;
                _count++;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Consumes one item; false once all items have been consumed.</summary>
        public bool TakeOne()
        {
            lock (_gate)
            {
                while (_count == 0 && _consumed < _total)
                    Monitor.Wait(_gate);
                if (_count == 0)
                {
                    // All consumed: wake the other consumers so they stop too.
                    Monitor.PulseAll(_gate);
                    return false;
                }
                int item = _items[_head];
                _head = (_head + 1) % _items.Length;
                _count--;
                _consumed++;
                if (_seen[item])
                    _duplicates++;
                _seen[item] = true;
                _sum += item;
                Monitor.PulseAll(_gate);
                return true;
            }
        }

        public (long Sum, int Duplicates, int Consumed, int Missing) Check()
        {
            lock (_gate)
            {
                int missing = 0;
                for (int i = 1; i < _seen.Length; i++)
                {
                    if (!_seen[i])
                        missing++;
                }
                return (_sum, _duplicates, _consumed, missing);
            }
        }
    }

    private sealed class SequencedPrinter
    {
        private readonly object _gate = new();
        public long Sequence;

        public void Print(int thread)
        {
            lock (_gate)
            {
                Sequence++;
                Console.WriteLine(Invariant($"line {Sequence} thread {thread} ") + new string('x', 40));
            }
        }
    }

    private sealed class LockedPair
    {
        private readonly object _a = new();
        private readonly object _b = new();
        private long _x; // guarded by _a
        private long _y; // guarded by _b
        private long _xSeenByB; // guarded by _b: the last x written, so B alone can check the pair
        private long _violations; // guarded by _b

        /// <summary>x++ under A, then y++ under B inside A; <paramref name="variant"/> varies the path.</summary>
        public void Step(int variant)
        {
            lock (_a)
            {
                _x++;
                long x = _x;
                if (variant == 0)
                    Thread.SpinWait(20);
                lock (_b)
                {
                    _y++;
                    _xSeenByB = x;
                    if (_x != _y)
                        _violations++;
                    if (variant == 1)
                    {
                        // Re-entering both, in the same order, is allowed.
                        lock (_a)
                        {
                            lock (_b)
                            {
                                if (_x != _y)
                                    _violations++;
                            }
                        }
                    }
                }
            }
        }

        /// <summary>Takes only B: y and the x recorded with it must agree.</summary>
        public void CheckInnerOnly()
        {
            lock (_b)
            {
                if (_xSeenByB != _y)
                    _violations++;
            }
        }

        public (long X, long Y, long Violations) Snapshot()
        {
            lock (_a)
            {
                lock (_b)
                    return (_x, _y, _violations);
            }
        }
    }

    private sealed class ThrowingCounter
    {
        public long Counter;
        public long Caught;
        public long HeldAfterCatch;
    }
}
