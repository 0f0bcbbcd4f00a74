namespace Objects;

/// <summary>
/// Multithreaded legacy programs over BCL collections and <see cref="StringBuilder"/>. Each
/// checks its own invariants and returns a deterministic string when they hold (the violation
/// counts are part of it; extra detail is appended only when something is wrong). The runner
/// calls them as <c>call Objects.dll Objects.ObjectPrograms Method args...</c>.
/// </summary>
public static class ObjectPrograms
{
    /// <summary>
    /// Threads mutate one shared <see cref="Dictionary{TKey, TValue}"/> with no lock at all: one
    /// increment of a random shared counter per operation, and every fourth operation an add of a
    /// thread-private key, half of which the thread removes again four operations later. Unwoven
    /// this is racy (updates may be lost, the dictionary may throw or be corrupted: exceptions are
    /// caught per thread and reported); correct when the counters sum to
    /// threads * operationsPerThread, every private key left in place is there with its value,
    /// every removed one is gone, and no thread threw.
    /// </summary>
    public static string UnlockedSharedDictionary(int threads, int operationsPerThread, int keyRange, int seed)
    {
        if (keyRange < 1 || keyRange >= PrivateKeyBase)
            throw new ArgumentOutOfRangeException(nameof(keyRange), "keyRange must be in [1, 1000000)");
        var shared = new SharedCounts();
        var kept = new HashSet<int>[threads];
        var dropped = new List<int>[threads];
        var errors = new string?[threads];
        var failedRemoves = new int[threads];
        Crew.Run(threads, t =>
        {
            var random = new Random(seed + t);
            var keep = new HashSet<int>();
            var drop = new List<int>();
            kept[t] = keep;
            dropped[t] = drop;
            try
            {
                for (int i = 0; i < operationsPerThread; i++)
                {
                    shared.Increment(random.Next(keyRange));
                    if (i % 4 == 0)
                    {
                        int key = PrivateKey(t, i);
                        shared.AddPrivate(key, i);
                        keep.Add(key);
                    }
                    if (i % 8 == 4)
                    {
                        int key = PrivateKey(t, i - 4);
                        if (!shared.RemovePrivate(key))
                            failedRemoves[t]++;
                        keep.Remove(key);
                        drop.Add(key);
                    }
                }
            }
            catch (Exception e)
            {
                errors[t] = e.GetType().Name + ": " + e.Message;
            }
        });

        long expectedSum = (long)threads * operationsPerThread;
        int errorCount = 0;
        string firstError = "";
        foreach (string? error in errors)
        {
            if (error is not null)
            {
                if (errorCount == 0)
                    firstError = error;
                errorCount++;
            }
        }
        long sum = 0;
        int privateMissing = 0, privateExtra = 0, enumerated = 0, count = -1;
        string checkError = "";
        try
        {
            (sum, enumerated, count) = shared.Summarize();
            for (int t = 0; t < threads; t++)
            {
                foreach (int key in kept[t])
                {
                    if (!shared.TryGetPrivate(key, out int value) || value != key - PrivateKey(t, 0))
                        privateMissing++;
                }
                foreach (int key in dropped[t])
                {
                    if (shared.TryGetPrivate(key, out _))
                        privateExtra++;
                }
            }
        }
        catch (Exception e)
        {
            checkError = e.GetType().Name + ": " + e.Message;
        }
        int removeFailures = 0;
        foreach (int failures in failedRemoves)
            removeFailures += failures;
        string result = Invariant($"sum={sum},privateMissing={privateMissing},privateExtra={privateExtra},errors={errorCount}");
        if (sum != expectedSum || errorCount != 0 || checkError.Length != 0 || removeFailures != 0 || enumerated != count)
            result += Invariant($",expectedSum={expectedSum},removeFailures={removeFailures},enumerated={enumerated},count={count},firstError={firstError},checkError={checkError}");
        return result;
    }

    private const int PrivateKeyBase = 1_000_000;

    private static int PrivateKey(int thread, int operation) => PrivateKeyBase * (thread + 1) + operation;

    /// <summary>
    /// A cache (a Dictionary guarded by <c>lock</c> on a plain object) pre-filled with keyRange
    /// keys: 95% of the lookups hit a key in that range and check its value, 5% store a computed
    /// value under a key of a second range of size keyRange/10 with the indexer (overwriting). At
    /// the end every entry holds Compute(key) and the entries are the first range plus the keys
    /// the threads stored.
    /// </summary>
    public static string LockedDictionaryCache(int threads, int lookupsPerThread, int keyRange, int seed)
    {
        if (keyRange < 1)
            throw new ArgumentOutOfRangeException(nameof(keyRange), "keyRange must be positive");
        int storeRange = Math.Max(1, keyRange / 10);
        var cache = new GuardedCache(keyRange);
        var stored = new HashSet<int>[threads];
        long wrong = 0, expectedStores = 0;
        Crew.Run(threads, t =>
        {
            var random = new Random(seed + t);
            var mine = new HashSet<int>();
            stored[t] = mine;
            long wrongHere = 0, storesHere = 0;
            for (int i = 0; i < lookupsPerThread; i++)
            {
                if (random.Next(100) < 95)
                {
                    int key = random.Next(keyRange);
                    if (cache.Get(key) != GuardedCache.Compute(key))
                        wrongHere++;
                }
                else
                {
                    int key = keyRange + random.Next(storeRange);
                    cache.Store(key, GuardedCache.Compute(key));
                    mine.Add(key);
                    storesHere++;
                }
            }
            Interlocked.Add(ref wrong, wrongHere);
            Interlocked.Add(ref expectedStores, storesHere);
        });
        var expectedKeys = new HashSet<int>();
        foreach (HashSet<int> mine in stored)
            expectedKeys.UnionWith(mine);
        int expectedEntries = keyRange + expectedKeys.Count;
        var (entries, bad, stores, missing) = cache.Check(expectedKeys);
        string result = Invariant($"entries={entries},bad={bad},wrong={wrong},storesCounted={stores == expectedStores}");
        if (entries != expectedEntries || missing != 0 || stores != expectedStores)
            result += Invariant($",expectedEntries={expectedEntries},missing={missing},stores={stores},expectedStores={expectedStores}");
        return result;
    }

    /// <summary>
    /// A bounded buffer on a <see cref="Queue{T}"/> guarded by <c>lock</c> with Monitor.Wait and
    /// PulseAll; items 1..N are each consumed exactly once and the queue never exceeds capacity.
    /// </summary>
    public static string QueueProducerConsumer(int producers, int consumers, int itemsPerProducer, int capacity)
    {
        if (producers < 1 || consumers < 1 || itemsPerProducer < 0 || capacity < 1)
            throw new ArgumentOutOfRangeException(nameof(producers), "producers, consumers and capacity must be positive");
        int totalItems = producers * itemsPerProducer;
        var buffer = new QueueBuffer(capacity, totalItems);
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
        long expectedSum = (long)totalItems * (totalItems + 1) / 2;
        var (consumed, duplicates, sum, missing, maxCount, left) = buffer.Check();
        string result = Invariant($"consumed={consumed},duplicates={duplicates},sum={sum}");
        if (consumed != totalItems || duplicates != 0 || sum != expectedSum || missing != 0 || maxCount > capacity || left != 0)
            result += Invariant($",expectedSum={expectedSum},missing={missing},maxCount={maxCount},left={left}");
        return result;
    }

    /// <summary>
    /// A <see cref="List{T}"/> guarded by a lock whose elements always sum to zero: writers add a
    /// pair +x, -x or remove one (an element and its opposite); readers, under the same lock,
    /// check the invariant with LINQ (Sum, Where(...).Sum, Count). At the end the size matches the
    /// pairs added minus the pairs removed and every value is matched by its opposite.
    /// </summary>
    public static string LinqSnapshotInLock(int threads, int operationsPerThread, int seed)
    {
        var list = new ZeroSumList();
        var reads = new long[threads];
        var net = new long[threads];
        Crew.Run(threads, t =>
        {
            var random = new Random(seed + t);
            long readsHere = 0, netHere = 0;
            for (int i = 0; i < operationsPerThread; i++)
            {
                int kind = random.Next(3);
                if (kind == 0)
                {
                    list.Check();
                    readsHere++;
                }
                else if (kind == 1)
                {
                    list.AddPair(random.Next(1, 1000));
                    netHere++;
                }
                else if (list.RemovePair(random.Next(int.MaxValue)))
                {
                    netHere--;
                }
            }
            reads[t] = readsHere;
            net[t] = netHere;
        });
        long totalReads = 0, pairs = 0;
        for (int t = 0; t < threads; t++)
        {
            totalReads += reads[t];
            pairs += net[t];
        }
        var (violations, finalSum, count, balanced) = list.Final();
        string result = Invariant($"violations={violations},finalSum={finalSum},balanced={balanced},reads={totalReads}");
        if (count != pairs * 2)
            result += Invariant($",count={count},expectedCount={pairs * 2}");
        return result;
    }

    /// <summary>
    /// Threads append whole lines "t:i\n" to one <see cref="StringBuilder"/> under a lock (some in
    /// one Append, some in several); at the end every line is there exactly once, untorn, and each
    /// thread's lines are in order.
    /// </summary>
    public static string SharedStringBuilderLog(int threads, int linesPerThread)
    {
        var log = new SharedLog();
        Crew.Run(threads, t =>
        {
            for (int i = 0; i < linesPerThread; i++)
                log.Write(t, i);
        });
        string text = log.Snapshot();
        var seen = new bool[threads * linesPerThread];
        var last = new int[threads];
        Array.Fill(last, -1);
        int lines = 0, torn = 0, duplicates = 0, outOfOrder = 0;
        string[] parts = text.Split('\n');
        bool endsWithNewline = parts[^1].Length == 0;
        for (int p = 0; p < parts.Length - 1; p++)
        {
            lines++;
            string line = parts[p];
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0
                || !int.TryParse(line.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int thread)
                || !int.TryParse(line.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                || thread >= threads || index >= linesPerThread)
            {
                torn++;
                continue;
            }
            if (seen[thread * linesPerThread + index])
                duplicates++;
            seen[thread * linesPerThread + index] = true;
            if (index <= last[thread])
                outOfOrder++;
            last[thread] = index;
        }
        int missing = 0;
        foreach (bool present in seen)
        {
            if (!present)
                missing++;
        }
        string result = Invariant($"lines={lines},torn={torn},missing={missing},duplicates={duplicates},outOfOrder={outOfOrder}");
        if (!endsWithNewline || log.Lines != (long)threads * linesPerThread)
            result += Invariant($",endsWithNewline={endsWithNewline},written={log.Lines},expected={(long)threads * linesPerThread}");
        return result;
    }

    /// <summary>
    /// A <see cref="SortedSet{T}"/> guarded by a lock: 60% Contains, 18% Add, 18% Remove, 4% a
    /// range check through GetViewBetween. At the end the set enumerates in increasing order, its
    /// Count matches the enumeration and the adds and removes the threads saw succeed.
    /// </summary>
    public static string SortedSetUnderLock(int threads, int operationsPerThread, int keyRange, int seed)
    {
        if (keyRange < 1)
            throw new ArgumentOutOfRangeException(nameof(keyRange), "keyRange must be positive");
        var set = new GuardedSortedSet();
        int initial = 0;
        for (int key = 0; key < keyRange; key += 2)
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
                if (kind < 60)
                    set.Contains(key);
                else if (kind < 78)
                    adds += set.Add(key) ? 1 : 0;
                else if (kind < 96)
                    removes += set.Remove(key) ? 1 : 0;
                else
                    set.CheckRange(key, key + Math.Max(1, keyRange / 8));
            }
            net[t] = adds - removes;
        });
        long expectedSize = initial;
        foreach (long n in net)
            expectedSize += n;
        var (sorted, enumerated, count, violations) = set.Check();
        bool sizeMatches = enumerated == count && count == expectedSize;
        string result = Invariant($"sorted={sorted},sizeMatches={sizeMatches},violations={violations}");
        if (!sorted || !sizeMatches)
            result += Invariant($",enumerated={enumerated},count={count},expectedSize={expectedSize}");
        return result;
    }

    private sealed class SharedCounts
    {
        private readonly Dictionary<int, int> _counts = new();

        public void Increment(int key) => _counts[key] = _counts.TryGetValue(key, out int value) ? value + 1 : 1;

        public void AddPrivate(int key, int value) => _counts.Add(key, value);

        public bool RemovePrivate(int key) => _counts.Remove(key);

        public bool TryGetPrivate(int key, out int value) => _counts.TryGetValue(key, out value);

        /// <summary>The sum of the shared counters, the entries enumerated and Count.</summary>
        public (long Sum, int Enumerated, int Count) Summarize()
        {
            long sum = 0;
            int enumerated = 0;
            foreach (var (key, value) in _counts)
            {
                enumerated++;
                if (key < PrivateKeyBase)
                    sum += value;
            }
            return (sum, enumerated, _counts.Count);
        }
    }

    private sealed class GuardedCache
    {
        private readonly object _gate = new();
        private readonly Dictionary<int, long> _values = new();
        private long _stores;

        public GuardedCache(int keyRange)
        {
            for (int key = 0; key < keyRange; key++)
                _values.Add(key, Compute(key));
        }

        public static long Compute(int key) => (long)key * 7919 + key % 13;

        /// <summary>The cached value, or -1 (a hit only reads: the 95% of operations that can run in parallel).</summary>
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
                _stores++;
                _values[key] = value;
            }
        }

        /// <summary>Entries, entries whose value is not Compute(key), stores, expected keys absent.</summary>
        public (int Entries, int Bad, long Stores, int Missing) Check(HashSet<int> expectedStored)
        {
            lock (_gate)
            {
                int bad = 0;
                foreach (var pair in _values)
                {
                    if (pair.Value != Compute(pair.Key))
                        bad++;
                }
                int missing = 0;
                foreach (int key in expectedStored)
                {
                    if (!_values.ContainsKey(key))
                        missing++;
                }
                return (_values.Count, bad, _stores, missing);
            }
        }
    }

    private sealed class QueueBuffer
    {
        private readonly object _gate = new();
        private readonly Queue<int> _items = new();
        private readonly int _capacity;
        private readonly bool[] _seen;
        private readonly int _total;
        private int _consumed;
        private int _duplicates;
        private int _maxCount;
        private long _sum;

        public QueueBuffer(int capacity, int total)
        {
            _capacity = capacity;
            _seen = new bool[total + 1];
            _total = total;
        }

        public void Put(int item)
        {
            lock (_gate)
            {
                while (_items.Count >= _capacity)
                    Monitor.Wait(_gate);
                _items.Enqueue(item);
                if (_items.Count > _maxCount)
                    _maxCount = _items.Count;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Consumes one item; false once all items have been consumed.</summary>
        public bool TakeOne()
        {
            lock (_gate)
            {
                while (_items.Count == 0 && _consumed < _total)
                    Monitor.Wait(_gate);
                if (!_items.TryDequeue(out int item))
                {
                    // All consumed: wake the other consumers so they stop too.
                    Monitor.PulseAll(_gate);
                    return false;
                }
                _consumed++;
                if (_seen[item])
                    _duplicates++;
                _seen[item] = true;
                _sum += item;
                Monitor.PulseAll(_gate);
                return true;
            }
        }

        public (int Consumed, int Duplicates, long Sum, int Missing, int MaxCount, int Left) Check()
        {
            lock (_gate)
            {
                int missing = 0;
                for (int i = 1; i < _seen.Length; i++)
                {
                    if (!_seen[i])
                        missing++;
                }
                return (_consumed, _duplicates, _sum, missing, _maxCount, _items.Count);
            }
        }
    }

    private sealed class ZeroSumList
    {
        private readonly object _gate = new();
        private readonly List<int> _items = [];
        private long _violations;

        public void AddPair(int x)
        {
            lock (_gate)
            {
                _items.Add(x);
                _items.Add(-x);
            }
        }

        /// <summary>Removes the element at <paramref name="choice"/> modulo the count and one of its opposite.</summary>
        public bool RemovePair(int choice)
        {
            lock (_gate)
            {
                if (_items.Count < 2)
                    return false;
                int index = choice % _items.Count;
                int value = _items[index];
                _items.RemoveAt(index);
                if (!_items.Remove(-value))
                    _violations++;
                return true;
            }
        }

        public void Check()
        {
            lock (_gate)
            {
                long sum = _items.Sum(x => (long)x);
                long split = _items.Where(x => x > 0).Sum(x => (long)x) + _items.Where(x => x < 0).Sum(x => (long)x);
                int positives = _items.Count(x => x > 0);
                if (sum != 0 || split != 0 || _items.Count % 2 != 0 || positives * 2 != _items.Count)
                    _violations++;
            }
        }

        /// <summary>Violations, the final sum, the count and whether every value's opposite occurs as often.</summary>
        public (long Violations, long Sum, int Count, bool Balanced) Final()
        {
            lock (_gate)
            {
                var occurrences = new Dictionary<int, int>();
                foreach (int x in _items)
                    occurrences[x] = occurrences.GetValueOrDefault(x) + 1;
                bool balanced = occurrences.All(pair => occurrences.GetValueOrDefault(-pair.Key) == pair.Value);
                return (_violations, _items.Sum(x => (long)x), _items.Count, balanced);
            }
        }
    }

    private sealed class SharedLog
    {
        private readonly object _gate = new();
        private readonly StringBuilder _text = new();
        public long Lines;

        public void Write(int thread, int line)
        {
            string t = thread.ToString(CultureInfo.InvariantCulture);
            string i = line.ToString(CultureInfo.InvariantCulture);
            lock (_gate)
            {
                if (line % 2 == 0)
                    _text.Append(t + ":" + i + "\n");
                else
                    _text.Append(t).Append(':').Append(i).Append('\n');
                Lines++;
            }
        }

        public string Snapshot()
        {
            lock (_gate)
                return _text.ToString();
        }
    }

    private sealed class GuardedSortedSet
    {
        private readonly object _gate = new();
        private readonly SortedSet<int> _set = [];
        private long _violations;

        public bool Add(int key)
        {
            lock (_gate)
                return _set.Add(key);
        }

        public bool Remove(int key)
        {
            lock (_gate)
                return _set.Remove(key);
        }

        public bool Contains(int key)
        {
            lock (_gate)
                return _set.Contains(key);
        }

        /// <summary>The view's Count matches its enumeration, which stays in [low, high] and increases.</summary>
        public void CheckRange(int low, int high)
        {
            lock (_gate)
            {
                SortedSet<int> view = _set.GetViewBetween(low, high);
                int enumerated = 0;
                int last = int.MinValue;
                foreach (int key in view)
                {
                    if (key < low || key > high || (enumerated > 0 && key <= last))
                        _violations++;
                    last = key;
                    enumerated++;
                }
                if (enumerated != view.Count)
                    _violations++;
            }
        }

        public (bool Sorted, int Enumerated, int Count, long Violations) Check()
        {
            lock (_gate)
            {
                bool sorted = true;
                int enumerated = 0;
                int last = int.MinValue;
                foreach (int key in _set)
                {
                    if (enumerated > 0 && key <= last)
                        sorted = false;
                    last = key;
                    enumerated++;
                }
                if (_set.Count > 0 && (_set.Min != FirstOf(_set) || _set.Max != last))
                    sorted = false;
                return (sorted, enumerated, _set.Count, _violations);
            }
        }

        private static int FirstOf(SortedSet<int> set)
        {
            foreach (int key in set)
                return key;
            return int.MinValue;
        }
    }

    /// <summary>
    /// The main thread starts and joins its workers through List.ForEach (an object-level call
    /// whose woven callback blocks): the workers add to an unlocked shared counter and, under a
    /// lock, to a per-thread tally. Exact when counter = threads * increments and every tally is
    /// complete; a thread that kept its transaction while it waited in Join would hang them all.
    /// </summary>
    public static string JoinThroughForEach(int threads, int incrementsPerThread)
    {
        var tally = new Tally(threads);
        var workers = new List<Thread>();
        for (int t = 0; t < threads; t++)
        {
            int thread = t;
            workers.Add(new Thread(() =>
            {
                for (int i = 0; i < incrementsPerThread; i++)
                    tally.Count(thread);
            }));
        }
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());
        return tally.Summary(incrementsPerThread);
    }

    private sealed class Tally(int threads)
    {
        private readonly object _gate = new();
        private readonly int[] _perThread = new int[threads];
        private long _counter;

        public void Count(int thread)
        {
            _counter++;
            lock (_gate)
                _perThread[thread]++;
        }

        public string Summary(int expectedPerThread) =>
            Invariant($"counter={_counter},complete={_perThread.All(n => n == expectedPerThread)}");
    }

    /// <summary>
    /// A least-recently-used cache: a <see cref="LinkedList{T}"/> in use order and a Dictionary
    /// from key to node, guarded by one <see cref="Lock"/>; threads look keys up (moving a hit to
    /// the front, adding a miss and evicting the last). Correct when the list and the map agree
    /// entry for entry, the size stays within capacity, every value is the key's, and hits plus
    /// misses count every request.
    /// </summary>
    public static string LinkedListLruCache(int threads, int requestsPerThread, int capacity, int seed)
    {
        var cache = new RecentlyUsed(capacity);
        long wrong = 0;
        Crew.Run(threads, t =>
        {
            var random = new Random(seed + t);
            long wrongHere = 0;
            for (int i = 0; i < requestsPerThread; i++)
            {
                // Skewed keys: most requests go to a few hot keys, the rest evict.
                int key = random.Next(4) == 0 ? random.Next(capacity * 4) : random.Next(capacity / 2);
                if (cache.GetOrAdd(key) != key * 3)
                    wrongHere++;
            }
            Interlocked.Add(ref wrong, wrongHere);
        });
        return cache.Check(threads * (long)requestsPerThread, wrong);
    }

    private sealed class RecentlyUsed(int capacity)
    {
        private readonly Lock _gate = new();
        private readonly LinkedList<(int Key, int Value)> _order = new();
        private readonly Dictionary<int, LinkedListNode<(int Key, int Value)>> _nodes = [];
        private long _hits;
        private long _misses;

        public int GetOrAdd(int key)
        {
            lock (_gate)
            {
                if (_nodes.TryGetValue(key, out var node))
                {
                    _hits++;
                    _order.Remove(node);
                    _order.AddFirst(node);
                    return node.Value.Value;
                }
                _misses++;
                if (_order.Count == capacity)
                {
                    var oldest = _order.Last!;
                    _order.RemoveLast();
                    _nodes.Remove(oldest.Value.Key);
                }
                _nodes[key] = _order.AddFirst((key, key * 3));
                return key * 3;
            }
        }

        public string Check(long requests, long wrong)
        {
            int inList = 0, mismatched = 0;
            for (var node = _order.First; node is not null; node = node.Next)
            {
                inList++;
                if (!_nodes.TryGetValue(node.Value.Key, out var mapped) || mapped != node || node.Value.Value != node.Value.Key * 3)
                    mismatched++;
            }
            string result = Invariant($"agree={inList == _nodes.Count && mismatched == 0},withinCapacity={_order.Count <= capacity},wrong={wrong},counted={_hits + _misses == requests}");
            if (mismatched != 0 || inList != _nodes.Count)
                result += Invariant($",inList={inList},mapped={_nodes.Count},mismatched={mismatched}");
            return result;
        }
    }

    /// <summary>
    /// Callbacks that commit, called from code that is not woven: each thread sums a list with
    /// List.ForEach whose lambda takes a lock (a lock region inside an object-level call joins the
    /// running transaction), and joins labels whose ToString takes a lock and counts its calls
    /// (string.Join calls back several times; a restart between two callbacks must not run the
    /// earlier ones again). Exact when the total and the call count are.
    /// </summary>
    public static string CommittingCallbacks(int threads, int rounds)
    {
        var ledger = new Ledger();
        var labels = Enumerable.Range(1, 8).Select(n => new CountedLabel(ledger, n)).ToList();
        var values = Enumerable.Range(1, 10).ToList();
        long joinedLength = 0;
        Crew.Run(threads, _ =>
        {
            for (int r = 0; r < rounds; r++)
            {
                values.ForEach(v => ledger.Add(v));
                Interlocked.Add(ref joinedLength, string.Join(",", labels).Length);
            }
        });
        long expectedLength = threads * (long)rounds * string.Join(",", labels.Select(l => l.Number)).Length;
        return Invariant($"total={ledger.Total},labelCalls={ledger.LabelCalls},lengthRight={joinedLength == expectedLength}");
    }

    private sealed class Ledger
    {
        private readonly object _gate = new();

        public long Total { get; private set; }

        public long LabelCalls { get; private set; }

        public void Add(int value)
        {
            lock (_gate)
                Total += value;
        }

        public void CountLabel()
        {
            lock (_gate)
                LabelCalls++;
        }
    }

    private sealed class CountedLabel(Ledger ledger, int number)
    {
        public int Number => number;

        public override string ToString()
        {
            ledger.CountLabel();
            return number.ToString(CultureInfo.InvariantCulture);
        }
    }
}
