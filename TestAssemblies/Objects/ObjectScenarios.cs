namespace Objects;

/// <summary>
/// Single-threaded legacy code (a few scenarios start a helper thread or task and wait for it)
/// that calls into the BCL: collections, <see cref="StringBuilder"/>, <see cref="Random"/>,
/// enumerators, LINQ, delegates, pure calls, blocking calls and I/O. The collections live in
/// fields of small user classes whose methods mutate them; each entry point returns the state it
/// ends in, in full, so the original and the woven copy can be compared exactly.
/// </summary>
public static class ObjectScenarios
{
    private static string Describe(Exception e) => e.GetType().Name + ": " + e.Message;

    private static string Of(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Join<T>(IEnumerable<T> items) => Join(",", items);

    private static string Join<T>(string separator, IEnumerable<T> items)
    {
        var text = new StringBuilder();
        bool first = true;
        foreach (T item in items)
        {
            if (!first)
                text.Append(separator);
            first = false;
            text.Append(Of(item));
        }
        return text.ToString();
    }

    private static string Pairs<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> pairs)
    {
        var text = new StringBuilder();
        foreach (var pair in pairs)
        {
            if (text.Length > 0)
                text.Append(',');
            text.Append(Of(pair.Key)).Append('=').Append(Of(pair.Value));
        }
        return text.ToString();
    }

    /// <summary>Results stay on one line: newlines become '/', NULs '~'.</summary>
    private static string OneLine(string text) =>
        text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "/", StringComparison.Ordinal).Replace("\0", "~", StringComparison.Ordinal);

    /// <summary>A list of labelled results, so pure calls have a user field and a List.Add around them.</summary>
    private sealed class Sheet
    {
        public readonly List<string> Lines = [];
        public int Notes;

        public void Note(string label, object? value)
        {
            Lines.Add(label + "=" + Of(value));
            Notes++;
        }

        public override string ToString() => Invariant($"{Notes}:") + string.Join(";", Lines);
    }

    // ------------------------------------------------------------------ List<T>

    private sealed class Roster
    {
        public readonly List<int> Items = [];
        public int Changes;

        public void Add(int value)
        {
            Items.Add(value);
            Changes++;
        }

        public void AddRange(int[] values)
        {
            Items.AddRange(values);
            Changes += values.Length;
        }

        public void Insert(int index, int value)
        {
            Items.Insert(index, value);
            Changes++;
        }

        public void RemoveAt(int index)
        {
            Items.RemoveAt(index);
            Changes++;
        }

        public bool Remove(int value)
        {
            bool removed = Items.Remove(value);
            if (removed)
                Changes++;
            return removed;
        }

        public void Scale(int index, int factor)
        {
            Items[index] = Items[index] * factor;
            Changes++;
        }
    }

    public static string ListAddInsertRemove()
    {
        var roster = new Roster();
        for (int i = 1; i <= 5; i++)
            roster.Add(i * 10);
        roster.AddRange([60, 70, 80]);
        roster.Insert(0, 5);
        roster.Insert(4, 35);
        roster.RemoveAt(2);
        bool removed = roster.Remove(70);
        bool removedMissing = roster.Remove(999);
        roster.Scale(1, 3);
        string misuse;
        try
        {
            roster.RemoveAt(100);
            misuse = "no exception";
        }
        catch (ArgumentOutOfRangeException e)
        {
            misuse = Describe(e);
        }
        return Invariant($"items={Join(roster.Items)},count={roster.Items.Count},changes={roster.Changes},removed={removed}/{removedMissing},contains35={roster.Items.Contains(35)},indexOf60={roster.Items.IndexOf(60)},indexOfMissing={roster.Items.IndexOf(12345)},first={roster.Items[0]},last={roster.Items[^1]},misuse={misuse}");
    }

    private sealed class Ranking
    {
        public readonly List<int> Scores = [];
        public int Pivot;
        public int Comparisons;

        public void SortByDistanceToPivot() =>
            Scores.Sort((a, b) =>
            {
                Comparisons++;
                int byDistance = Math.Abs(a - Pivot).CompareTo(Math.Abs(b - Pivot));
                return byDistance != 0 ? byDistance : a.CompareTo(b);
            });
    }

    public static string ListSortAndReverse()
    {
        var ranking = new Ranking { Pivot = 50 };
        ranking.Scores.AddRange([72, 15, 49, 88, 50, 3, 61, 39, 95, 27]);
        ranking.SortByDistanceToPivot();
        string byDistance = Join(ranking.Scores);
        int comparisons = ranking.Comparisons;
        ranking.Scores.Sort();
        string ascending = Join(ranking.Scores);
        ranking.Scores.Reverse();
        string descending = Join(ranking.Scores);
        ranking.Scores.Reverse(1, 3);
        int[] array = ranking.Scores.ToArray();
        var copy = new int[13];
        ranking.Scores.CopyTo(copy, 2);
        List<int> range = ranking.Scores.GetRange(2, 4);
        range[0] = -1;
        ranking.Pivot = 60;
        ranking.SortByDistanceToPivot();
        string byPivot60 = Join(ranking.Scores);
        ranking.Scores.Clear();
        return Invariant($"byDistance={byDistance},comparisons={comparisons}/{ranking.Comparisons},ascending={ascending},descending={descending},array={Join(array)},copy={Join(copy)},range={Join(range)},byPivot60={byPivot60},afterClear={ranking.Scores.Count}");
    }

    private sealed class Threshold
    {
        public int Limit;
        public int Calls;
    }

    private sealed class Bag
    {
        public readonly List<int> Items = [];
        public int Removed;

        public int RemoveBelow(Threshold threshold)
        {
            int removed = Items.RemoveAll(x =>
            {
                threshold.Calls++;
                return x < threshold.Limit;
            });
            Removed += removed;
            return removed;
        }
    }

    public static string ListFindAndRemoveAll()
    {
        var bag = new Bag();
        bag.Items.AddRange([4, 17, 9, 23, 8, 15, 42, 16, 30]);
        var threshold = new Threshold { Limit = 15 };
        int found = bag.Items.Find(x =>
        {
            threshold.Calls++;
            return x > threshold.Limit;
        });
        int findIndex = bag.Items.FindIndex(x => x % threshold.Limit == 0);
        int findLast = bag.Items.FindLast(x => x < threshold.Limit);
        bool exists = bag.Items.Exists(x => x == threshold.Limit + 1);
        bool existsMissing = bag.Items.Exists(x => x > 100);
        int notFound = bag.Items.Find(x => x > 100);
        List<int> all = bag.Items.FindAll(x => x % 2 == 0);
        bool trueForAll = bag.Items.TrueForAll(x => x > 0);
        int removed = bag.RemoveBelow(threshold);
        bag.Items.Sort();
        int present = bag.Items.BinarySearch(23);
        int absent = bag.Items.BinarySearch(20);
        bag.Items.Insert(~absent, 20);
        return Invariant($"items={Join(bag.Items)},found={found},findIndex={findIndex},findLast={findLast},exists={exists}/{existsMissing},notFound={notFound},even={Join(all)},allPositive={trueForAll},removed={removed}/{bag.Removed},binary={present}/{absent},calls={threshold.Calls}");
    }

    private sealed class Series
    {
        public readonly List<int> Values = [];
        public long Sum;
        public int Visits;

        public void Accumulate()
        {
            foreach (int value in Values)
            {
                Sum += value;
                Visits++;
            }
        }

        public void Transform()
        {
            for (int i = 0; i < Values.Count; i++)
                Values[i] = Values[i] * 2 + i;
        }

        public string AppendWhileEnumerating()
        {
            try
            {
                foreach (int value in Values)
                {
                    Visits++;
                    if (value > 10)
                        Values.Add(value);
                }
                return "no exception";
            }
            catch (InvalidOperationException e)
            {
                return Describe(e);
            }
        }

        public int ManualEnumerator()
        {
            int hash = 17;
            List<int>.Enumerator enumerator = Values.GetEnumerator();
            try
            {
                while (enumerator.MoveNext())
                    hash = unchecked(hash * 31 + enumerator.Current);
            }
            finally
            {
                enumerator.Dispose();
            }
            return hash;
        }
    }

    public static string ListForeachAndForLoop()
    {
        var series = new Series();
        for (int i = 1; i <= 8; i++)
            series.Values.Add(i);
        series.Accumulate();
        long firstSum = series.Sum;
        series.Transform();
        string transformed = Join(series.Values);
        string modified = series.AppendWhileEnumerating();
        int hash = series.ManualEnumerator();
        series.Accumulate();
        return Invariant($"values={Join(series.Values)},transformed={transformed},sums={firstSum}/{series.Sum},visits={series.Visits},hash={hash},modified={modified}");
    }

    private sealed class Item(string name, int quantity, int price)
    {
        public string Name = name;
        public int Quantity = quantity;
        public int Price = price;

        public override string ToString() => Invariant($"{Name}x{Quantity}@{Price}");
    }

    private sealed class Cart
    {
        public readonly List<Item> Lines = [];
        public int Total;

        public void Add(string name, int quantity, int price) => Lines.Add(new Item(name, quantity, price));

        public void Recompute()
        {
            Total = 0;
            Lines.ForEach(line => Total += line.Quantity * line.Price);
        }
    }

    public static string ListOfUserObjects()
    {
        var cart = new Cart();
        cart.Add("tea", 2, 4);
        cart.Add("jam", 1, 6);
        cart.Add("bun", 6, 1);
        cart.Add("egg", 12, 1);
        cart.Recompute();
        int before = cart.Total;
        cart.Lines[1].Quantity += 2;
        cart.Lines[2] = new Item("pie", 1, 9);
        Item tea = cart.Lines[0];
        tea.Quantity = 0;
        cart.Recompute();
        List<string> names = cart.Lines.ConvertAll(line => line.Name);
        Item? dear = cart.Lines.Find(line => line.Price > 5);
        int emptied = cart.Lines.RemoveAll(line => line.Quantity == 0);
        cart.Lines.Sort((a, b) => a.Price != b.Price ? b.Price.CompareTo(a.Price) : string.CompareOrdinal(a.Name, b.Name));
        cart.Recompute();
        return Invariant($"lines={Join(cart.Lines)},totals={before}/{cart.Total},names={Join(names)},dear={dear},emptied={emptied},teaStillHeld={tea}");
    }

    // ------------------------------------------------------------ Dictionary<K,V>

    private sealed class Stock
    {
        public readonly Dictionary<string, int> Counts = new();
        public int Writes;

        public void Put(string key, int value)
        {
            Counts[key] = value;
            Writes++;
        }

        public void AddNew(string key, int value)
        {
            Counts.Add(key, value);
            Writes++;
        }

        public bool TryAddNew(string key, int value)
        {
            bool added = Counts.TryAdd(key, value);
            if (added)
                Writes++;
            return added;
        }

        public void Bump(string key, int by)
        {
            Counts[key] = Counts.TryGetValue(key, out int value) ? value + by : by;
            Writes++;
        }

        public int Get(string key) => Counts[key];
    }

    public static string DictionaryAddIndexerTryGet()
    {
        var stock = new Stock();
        stock.AddNew("pen", 3);
        stock.AddNew("ink", 7);
        stock.Put("pad", 2);
        stock.Put("pen", 5);
        stock.Bump("ink", 10);
        stock.Bump("cap", 4);
        bool addedNew = stock.TryAddNew("nib", 1);
        bool addedExisting = stock.TryAddNew("pen", 100);
        bool hasInk = stock.Counts.TryGetValue("ink", out int ink);
        bool hasZip = stock.Counts.TryGetValue("zip", out int zip);
        int pen = stock.Get("pen");
        return Invariant($"counts={Pairs(stock.Counts)},count={stock.Counts.Count},writes={stock.Writes},tryAdd={addedNew}/{addedExisting},ink={hasInk}:{ink},zip={hasZip}:{zip},pen={pen},containsKey={stock.Counts.ContainsKey("pad")}/{stock.Counts.ContainsKey("zip")},containsValue={stock.Counts.ContainsValue(17)}/{stock.Counts.ContainsValue(99)}");
    }

    public static string DictionaryRemoveAndClear()
    {
        var stock = new Stock();
        foreach (string key in new[] { "a", "b", "c", "d", "e" })
            stock.AddNew(key, key[0] - 'a' + 1);
        bool removedB = stock.Counts.Remove("b");
        bool removedMissing = stock.Counts.Remove("zz");
        bool removedD = stock.Counts.Remove("d", out int valueD);
        bool removedAgain = stock.Counts.Remove("d", out int valueAgain);
        // The freed entries are reused, last freed first: the enumeration order shows it.
        stock.Put("f", 6);
        stock.Put("g", 7);
        stock.Put("h", 8);
        string afterReuse = Pairs(stock.Counts);
        int countBefore = stock.Counts.Count;
        stock.Counts.Clear();
        int countCleared = stock.Counts.Count;
        bool hasA = stock.Counts.ContainsKey("a");
        stock.Put("z", 26);
        return Invariant($"afterReuse={afterReuse},removed={removedB}/{removedMissing}/{removedD}:{valueD}/{removedAgain}:{valueAgain},counts={countBefore}/{countCleared}/{stock.Counts.Count},hasA={hasA},final={Pairs(stock.Counts)},writes={stock.Writes}");
    }

    public static string DictionaryEnumerateKeysValues()
    {
        var stock = new Stock();
        stock.Put("pen", 3);
        stock.Put("ink", 7);
        stock.Put("pad", 2);
        stock.Put("cap", 5);
        int total = 0;
        var initials = new StringBuilder();
        foreach (KeyValuePair<string, int> pair in stock.Counts)
        {
            total += pair.Value;
            initials.Append(pair.Key[0]);
        }
        var keys = new List<string>();
        foreach (string key in stock.Counts.Keys)
            keys.Add(key);
        int valueSum = 0;
        foreach (int value in stock.Counts.Values)
            valueSum += value;
        var valueArray = new int[stock.Counts.Values.Count];
        stock.Counts.Values.CopyTo(valueArray, 0);
        foreach (string key in new List<string>(stock.Counts.Keys))
            stock.Counts[key] *= 10;
        var deconstructed = new StringBuilder();
        foreach (var (key, value) in stock.Counts)
            deconstructed.Append(key).Append(':').Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ');
        int ink = stock.Counts.GetValueOrDefault("ink");
        int zip = stock.Counts.GetValueOrDefault("zip");
        int zipOr = stock.Counts.GetValueOrDefault("zip", -1);
        return Invariant($"total={total},initials={initials},keys={Join(keys)},valueSum={valueSum},values={Join(valueArray)},keyCount={stock.Counts.Keys.Count},scaled={deconstructed.ToString().TrimEnd()},getOrDefault={ink}/{zip}/{zipOr}");
    }

    /// <summary>Counts the calls the dictionary makes back into <see cref="Cell"/>.</summary>
    private sealed class Probe
    {
        public int Hashes;
        public int Equalities;
    }

    /// <summary>A key with few hash codes (many collisions), so lookups call Equals.</summary>
    private sealed class Cell(int x, int y, Probe probe)
    {
        public readonly int X = x;
        public readonly int Y = y;
        private readonly Probe _probe = probe;

        public override int GetHashCode()
        {
            _probe.Hashes++;
            return (X + Y) % 3;
        }

        public override bool Equals(object? obj)
        {
            _probe.Equalities++;
            return obj is Cell other && other.X == X && other.Y == Y;
        }

        public override string ToString() => Invariant($"({X},{Y})");
    }

    private sealed class Board
    {
        public readonly Dictionary<Cell, string> Marks = new();
        public readonly Probe Probe = new();

        public Cell At(int x, int y) => new(x, y, Probe);

        public void Mark(int x, int y, string mark) => Marks[At(x, y)] = mark;
    }

    public static string DictionaryUserKeyEquality()
    {
        var board = new Board();
        board.Mark(0, 0, "x");
        board.Mark(1, 2, "o");
        board.Mark(2, 1, "x");
        board.Mark(0, 3, "o");
        board.Mark(1, 2, "X");
        bool found = board.Marks.TryGetValue(board.At(2, 1), out string? mark);
        bool contains = board.Marks.ContainsKey(board.At(3, 0));
        bool removed = board.Marks.Remove(board.At(0, 3));
        string duplicate;
        try
        {
            board.Marks.Add(board.At(0, 0), "dup");
            duplicate = "no exception";
        }
        catch (ArgumentException e)
        {
            duplicate = Describe(e);
        }
        return Invariant($"marks={Pairs(board.Marks)},count={board.Marks.Count},found={found}:{mark},contains={contains},removed={removed},duplicate={duplicate},hashes={board.Probe.Hashes},equalities={board.Probe.Equalities}");
    }

    private sealed class Postings
    {
        public readonly Dictionary<string, List<int>> ByWord = new();
        public int Lists;

        public void Add(string word, int position)
        {
            if (!ByWord.TryGetValue(word, out List<int>? positions))
            {
                positions = [];
                ByWord[word] = positions;
                Lists++;
            }
            positions.Add(position);
        }

        public bool RemovePosition(string word, int position) => ByWord.TryGetValue(word, out List<int>? positions) && positions.Remove(position);

        public string Render()
        {
            var text = new StringBuilder();
            foreach (var (word, positions) in ByWord)
                text.Append(word).Append('=').Append(Join("+", positions)).Append(';');
            return text.ToString();
        }
    }

    public static string DictionaryOfLists()
    {
        var postings = new Postings();
        string[] words = "the cat and the hat and the bat".Split(' ');
        for (int i = 0; i < words.Length; i++)
            postings.Add(words[i], i);
        bool removedPosition = postings.RemovePosition("the", 3);
        bool removedMissing = postings.RemovePosition("dog", 0);
        bool removedWord = postings.ByWord.Remove("and", out List<int>? andPositions);
        List<int> the = postings.ByWord["the"];
        the.Add(99);
        postings.Add("cow", 100);
        return Invariant($"postings={postings.Render()},lists={postings.Lists},count={postings.ByWord.Count},removed={removedPosition}/{removedMissing}/{removedWord},andPositions={Join(andPositions!)}");
    }

    public static string DictionaryMisuseCaught()
    {
        var stock = new Stock();
        stock.AddNew("a", 1);
        stock.AddNew("b", 2);
        string missing;
        try
        {
            missing = Invariant($"value {stock.Get("zz")}");
        }
        catch (KeyNotFoundException e)
        {
            missing = Describe(e);
            stock.Put("zz", 0);
        }
        string duplicate;
        try
        {
            stock.AddNew("a", 5);
            duplicate = "no exception";
        }
        catch (ArgumentException e)
        {
            duplicate = Describe(e);
        }
        string nullKey;
        try
        {
            stock.Put(null!, 1);
            nullKey = "no exception";
        }
        catch (ArgumentNullException e)
        {
            nullKey = Describe(e);
        }
        string modified;
        try
        {
            foreach (var pair in stock.Counts)
                stock.Put(pair.Key + "!", pair.Value + 10);
            modified = "no exception";
        }
        catch (InvalidOperationException e)
        {
            modified = Describe(e);
        }
        return Invariant($"counts={Pairs(stock.Counts)},writes={stock.Writes},missing={missing},duplicate={duplicate},nullKey={nullKey},modified={modified}");
    }

    // --------------------------------------------------------------- HashSet<T>

    private sealed class Tags
    {
        public readonly HashSet<int> Set = [];
        public int Added;
        public int Rejected;

        public void Add(int value)
        {
            if (Set.Add(value))
                Added++;
            else
                Rejected++;
        }
    }

    public static string HashSetOperations()
    {
        var tags = new Tags();
        foreach (int value in new[] { 5, 3, 9, 3, 7, 5, 1 })
            tags.Add(value);
        string initial = Join(tags.Set);
        bool removed = tags.Set.Remove(9);
        bool removedMissing = tags.Set.Remove(100);
        bool contains = tags.Set.Contains(7);
        tags.Set.UnionWith([2, 4, 6, 7]);
        string union = Join(tags.Set);
        tags.Set.IntersectWith([1, 2, 3, 4, 5, 10]);
        string intersection = Join(tags.Set);
        tags.Set.ExceptWith([2]);
        bool setEquals = tags.Set.SetEquals([4, 5, 1, 3]);
        bool setEqualsOther = tags.Set.SetEquals([1, 3]);
        bool subset = tags.Set.IsSubsetOf([1, 2, 3, 4, 5]);
        bool overlaps = tags.Set.Overlaps([8, 9, 3]);
        int sum = 0;
        foreach (int value in tags.Set)
            sum += value;
        tags.Add(11);
        return Invariant($"set={Join(tags.Set)},initial={initial},union={union},intersection={intersection},removed={removed}/{removedMissing},contains7={contains},setEquals={setEquals}/{setEqualsOther},subset={subset},overlaps={overlaps},sum={sum},added={tags.Added},rejected={tags.Rejected},count={tags.Set.Count}");
    }

    // ---------------------------------------------------------- Queue<T>, Stack<T>

    private sealed class Line
    {
        public readonly Queue<string> Waiting = new();
        public readonly List<string> Served = [];

        public void Arrive(string name) => Waiting.Enqueue(name);

        public string Serve()
        {
            string name = Waiting.Dequeue();
            Served.Add(name);
            return name;
        }
    }

    public static string QueueOperations()
    {
        var line = new Line();
        foreach (string name in new[] { "ann", "bob", "cid", "dee" })
            line.Arrive(name);
        string first = line.Serve();
        line.Serve();
        string peek = line.Waiting.Peek();
        line.Arrive("eve");
        line.Arrive("fay");
        line.Arrive("gus");
        var order = new List<string>();
        foreach (string name in line.Waiting)
            order.Add(name);
        int count = line.Waiting.Count;
        bool contains = line.Waiting.Contains("eve");
        string[] array = line.Waiting.ToArray();
        while (line.Waiting.TryDequeue(out string? next))
            line.Served.Add(next.ToUpperInvariant());
        string empty;
        try
        {
            line.Serve();
            empty = "no exception";
        }
        catch (InvalidOperationException e)
        {
            empty = Describe(e);
        }
        bool peeked = line.Waiting.TryPeek(out string? none);
        return Invariant($"served={Join(line.Served)},first={first},peek={peek},order={Join(order)},count={count},contains={contains},array={Join(array)},empty={empty},tryPeek={peeked}:{none ?? "null"},left={line.Waiting.Count}");
    }

    private sealed class Pile
    {
        public readonly Stack<int> Plates = new();
        public int Pushes;
        public int Pops;

        public void Push(int plate)
        {
            Plates.Push(plate);
            Pushes++;
        }

        public int Pop()
        {
            int plate = Plates.Pop();
            Pops++;
            return plate;
        }
    }

    public static string StackOperations()
    {
        var pile = new Pile();
        for (int i = 1; i <= 6; i++)
            pile.Push(i * 11);
        int top = pile.Pop();
        int peek = pile.Plates.Peek();
        bool popped = pile.Plates.TryPop(out int tryPopped);
        pile.Push(99);
        var order = new List<int>();
        foreach (int plate in pile.Plates)
            order.Add(plate);
        bool contains = pile.Plates.Contains(33);
        int[] array = pile.Plates.ToArray();
        int sum = 0;
        while (pile.Plates.Count > 0)
            sum += pile.Pop();
        string empty;
        try
        {
            pile.Pop();
            empty = "no exception";
        }
        catch (InvalidOperationException e)
        {
            empty = Describe(e);
        }
        bool peeked = pile.Plates.TryPeek(out int none);
        return Invariant($"top={top},peek={peek},tryPop={popped}:{tryPopped},order={Join(order)},contains={contains},array={Join(array)},sum={sum},pushes={pile.Pushes},pops={pile.Pops},empty={empty},tryPeek={peeked}:{none}");
    }

    // --------------------------------------- SortedDictionary, SortedSet, LinkedList

    private sealed class Schedule
    {
        public readonly SortedDictionary<int, string> Slots = new();
        public int Bookings;

        public bool Book(int hour, string who)
        {
            if (Slots.ContainsKey(hour))
                return false;
            Slots.Add(hour, who);
            Bookings++;
            return true;
        }
    }

    public static string SortedDictionaryOperations()
    {
        var schedule = new Schedule();
        bool a = schedule.Book(14, "ann");
        bool b = schedule.Book(9, "bob");
        bool c = schedule.Book(11, "cid");
        bool d = schedule.Book(9, "dee");
        schedule.Book(16, "eve");
        schedule.Slots[11] = "CID";
        schedule.Slots[8] = "fay";
        bool removed = schedule.Slots.Remove(14);
        bool found = schedule.Slots.TryGetValue(16, out string? at16);
        int firstHour = -1;
        foreach (var pair in schedule.Slots)
        {
            firstHour = pair.Key;
            break;
        }
        var descending = new SortedDictionary<string, int>(Comparer<string>.Create((x, y) => string.CompareOrdinal(y, x)));
        foreach (var pair in schedule.Slots)
            descending[pair.Value] = pair.Key;
        return Invariant($"slots={Pairs(schedule.Slots)},booked={a}/{b}/{c}/{d},bookings={schedule.Bookings},removed={removed},at16={found}:{at16},first={firstHour},keys={Join(schedule.Slots.Keys)},values={Join(schedule.Slots.Values)},count={schedule.Slots.Count},descending={Pairs(descending)}");
    }

    /// <summary>Orders by last digit, then by value; counts its calls.</summary>
    private sealed class ByLastDigit : IComparer<int>
    {
        public int Calls;

        public int Compare(int x, int y)
        {
            Calls++;
            int byDigit = (x % 10).CompareTo(y % 10);
            return byDigit != 0 ? byDigit : x.CompareTo(y);
        }
    }

    public static string SortedSetOperations()
    {
        var set = new SortedSet<int>();
        var added = new List<bool>();
        foreach (int value in new[] { 50, 20, 80, 10, 30, 70, 90, 20 })
            added.Add(set.Add(value));
        bool removed = set.Remove(80);
        int min = set.Min;
        int max = set.Max;
        SortedSet<int> view = set.GetViewBetween(15, 75);
        string viewBefore = Join(view);
        bool addedThroughView = view.Add(60);
        string outOfRange;
        try
        {
            view.Add(100);
            outOfRange = "no exception";
        }
        catch (ArgumentOutOfRangeException e)
        {
            outOfRange = Describe(e);
        }
        set.Remove(30);
        set.Add(40);
        string viewAfter = Join(view);
        var reversed = new List<int>();
        foreach (int value in set.Reverse())
            reversed.Add(value);
        var comparer = new ByLastDigit();
        var byDigit = new SortedSet<int>(comparer);
        foreach (int value in new[] { 31, 12, 41, 22, 53, 11, 40 })
            byDigit.Add(value);
        return Invariant($"set={Join(set)},added={Join(added)},removed={removed},min={min},max={max},view={viewBefore}/{viewAfter},viewCount={view.Count},viewMinMax={view.Min}/{view.Max},viaView={addedThroughView},outOfRange={outOfRange},reversed={Join(reversed)},byDigit={Join(byDigit)},compares={comparer.Calls}");
    }

    private sealed class Playlist
    {
        public readonly LinkedList<string> Songs = new();
        public LinkedListNode<string>? Current;
        public LinkedListNode<string>? Last;
    }

    public static string LinkedListNodes()
    {
        var playlist = new Playlist();
        playlist.Current = playlist.Songs.AddLast("blue");
        playlist.Songs.AddFirst("amber");
        playlist.Songs.AddAfter(playlist.Current, "cyan");
        playlist.Songs.AddBefore(playlist.Current, "azure");
        playlist.Last = playlist.Songs.AddLast("zinc");
        string initial = Join(playlist.Songs);
        LinkedListNode<string>? cyan = playlist.Songs.Find("cyan");
        if (cyan is not null)
            cyan.Value = "CYAN";
        playlist.Songs.Remove(playlist.Current);
        bool detached = playlist.Current.List is null;
        playlist.Songs.RemoveFirst();
        string notMember;
        try
        {
            playlist.Songs.Remove(playlist.Current);
            notMember = "no exception";
        }
        catch (InvalidOperationException e)
        {
            notMember = Describe(e);
        }
        bool removedValue = playlist.Songs.Remove("nothing");
        var walked = new List<string>();
        for (LinkedListNode<string>? node = playlist.Songs.First; node is not null; node = node.Next)
            walked.Add(node.Value);
        var backwards = new List<string>();
        for (LinkedListNode<string>? node = playlist.Last; node is not null; node = node.Previous)
            backwards.Add(node.Value);
        return Invariant($"songs={Join(playlist.Songs)},initial={initial},walked={Join(walked)},backwards={Join(backwards)},count={playlist.Songs.Count},detached={detached},notMember={notMember},removedValue={removedValue},first={playlist.Songs.First?.Value},last={playlist.Songs.Last?.Value}");
    }

    /// <summary>Nodes moved to the front, re-added after removal, removed from both ends, and added around an anchor (an LRU list's moves).</summary>
    public static string LinkedListMoves()
    {
        var playlist = new Playlist();
        for (int i = 0; i < 6; i++)
            playlist.Songs.AddLast("s" + i.ToString(CultureInfo.InvariantCulture));
        var third = playlist.Songs.Find("s2")!;
        playlist.Songs.Remove(third);
        playlist.Songs.AddFirst(third);
        playlist.Current = playlist.Songs.Last;
        playlist.Songs.RemoveLast();
        bool lastDetached = playlist.Current!.List is null && playlist.Current.Next is null;
        playlist.Songs.AddLast(playlist.Current);
        playlist.Songs.RemoveFirst();
        playlist.Songs.AddBefore(playlist.Songs.Last!, "before-last");
        playlist.Songs.AddAfter(playlist.Songs.First!, new LinkedListNode<string>("after-first"));
        string rejected;
        try
        {
            playlist.Songs.AddFirst(playlist.Songs.First!);
            rejected = "no exception";
        }
        catch (InvalidOperationException e)
        {
            rejected = Describe(e);
        }
        var backwards = new List<string>();
        for (var node = playlist.Songs.Last; node is not null; node = node.Previous)
            backwards.Add(node.Value);
        playlist.Songs.Remove("s3");
        while (playlist.Songs.Count > 2)
            playlist.Songs.RemoveLast();
        return Invariant($"songs={Join(playlist.Songs)},backwards={Join(backwards)},lastDetached={lastDetached},rejected={rejected},count={playlist.Songs.Count},first={playlist.Songs.First?.Value},last={playlist.Songs.Last?.Value}");
    }

    // ---------------------------------------------------------------- StringBuilder

    private sealed class Report
    {
        public readonly StringBuilder Text = new();
        public int Edits;
    }

    public static string StringBuilderEditing()
    {
        var report = new Report();
        report.Text.Append("head");
        report.Text.Append(' ').Append(42).Append('!');
        report.Text.AppendLine(" end");
        report.Text.Append("tail");
        report.Edits += 4;
        report.Text.Insert(0, "<<");
        report.Text.Remove(2, 4);
        report.Text.Replace("42", "forty-two");
        report.Text[0] = '[';
        report.Text.AppendFormat(CultureInfo.InvariantCulture, "|{0:F2}|{1,4}|", 3.14159, 7);
        report.Edits += 5;
        string full = report.Text.ToString();
        string middle = report.Text.ToString(3, 9);
        int fullLength = report.Text.Length;
        report.Text.Length = 10;
        report.Text.Append("..");
        report.Text.Insert(3, 123);
        bool equal = report.Text.Equals(new StringBuilder("[< 123forty-t.."));
        report.Edits += 3;
        return Invariant($"text={OneLine(report.Text.ToString())},full={OneLine(full)},middle={middle},lengths={fullLength}/{report.Text.Length},equal={equal},edits={report.Edits}");
    }

    public static string StringBuilderGrowthLoop()
    {
        var log = new Report();
        for (int i = 0; i < 50; i++)
        {
            log.Text.Append("item").Append(i.ToString(CultureInfo.InvariantCulture)).Append(';');
            log.Edits++;
        }
        int grownLength = log.Text.Length;
        log.Text.Insert(200, "[mid]");
        log.Text.Replace("item4", "I4");
        int digits = 0;
        for (int i = 0; i < log.Text.Length; i += 7)
        {
            if (char.IsDigit(log.Text[i]))
                digits++;
        }
        string content = log.Text.ToString();
        log.Text.Clear();
        int clearedLength = log.Text.Length;
        log.Text.Append("again").Append(log.Edits.ToString(CultureInfo.InvariantCulture));
        return Invariant($"content={content},lengths={grownLength}/{content.Length}/{clearedLength},digits={digits},after={log.Text},edits={log.Edits}");
    }

    // ----------------------------------------------------------------------- Random

    private sealed class Dice(int seed)
    {
        public readonly Random Source = new(seed);
        public readonly List<int> Rolls = [];

        public int Roll(int sides)
        {
            int roll = Source.Next(1, sides + 1);
            Rolls.Add(roll);
            return roll;
        }
    }

    public static string RandomFixedSeed()
    {
        var dice = new Dice(12345);
        int any = dice.Source.Next();
        int below = dice.Source.Next(100);
        int between = dice.Source.Next(-50, 50);
        double fraction = dice.Source.NextDouble();
        var bytes = new byte[6];
        dice.Source.NextBytes(bytes);
        for (int i = 0; i < 8; i++)
            dice.Roll(6);
        int[] deck = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        dice.Source.Shuffle(deck);
        long big = dice.Source.NextInt64(1_000_000_000_000);
        int again = new Random(12345).Next();
        return Invariant($"next={any},below={below},between={between},fraction={Of(fraction)},bytes={Join(bytes)},rolls={Join(dice.Rolls)},shuffled={Join(deck)},big={big},sameSeed={again == any}");
    }

    private sealed class Dealer
    {
        public readonly int[] Cards;
        public readonly List<int>[] Hands;
        private readonly Random _random;

        public Dealer(int cards, int hands, int seed)
        {
            Cards = new int[cards];
            for (int i = 0; i < cards; i++)
                Cards[i] = i + 1;
            Hands = new List<int>[hands];
            for (int h = 0; h < hands; h++)
                Hands[h] = [];
            _random = new Random(seed);
        }

        public void ShuffleAndDeal(int perHand)
        {
            _random.Shuffle(Cards);
            for (int i = 0; i < perHand * Hands.Length; i++)
                Hands[i % Hands.Length].Add(Cards[i]);
            foreach (List<int> hand in Hands)
                hand.Sort();
        }
    }

    public static string RandomShuffleAndDeal()
    {
        var dealer = new Dealer(20, 4, 2024);
        dealer.ShuffleAndDeal(3);
        var text = new StringBuilder();
        int dealt = 0;
        foreach (List<int> hand in dealer.Hands)
        {
            text.Append('[').Append(Join(hand)).Append(']');
            dealt += hand.Count;
        }
        int checksum = 0;
        foreach (int card in dealer.Cards)
            checksum += card;
        return Invariant($"hands={text},dealt={dealt},deck={Join(dealer.Cards)},checksum={checksum}");
    }

    // ------------------------------------------------------------------------- LINQ

    private sealed class Inventory
    {
        public readonly List<Item> Items = [];
        public int MinQuantity;
        public int Checks;

        public List<string> Stocked() =>
            Items.Where(item =>
                {
                    Checks++;
                    return item.Quantity >= MinQuantity;
                })
                .Select(item => item.Name)
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToList();
    }

    public static string LinqOverUserList()
    {
        var inventory = new Inventory { MinQuantity = 5 };
        inventory.Items.Add(new Item("bolt", 12, 3));
        inventory.Items.Add(new Item("nut", 40, 1));
        inventory.Items.Add(new Item("gear", 3, 25));
        inventory.Items.Add(new Item("cog", 7, 9));
        inventory.Items.Add(new Item("pin", 0, 2));
        inventory.Items.Add(new Item("axle", 5, 30));
        List<string> stocked = inventory.Stocked();
        int value = inventory.Items.Sum(item => item.Quantity * item.Price);
        int cheap = inventory.Items.Count(item => item.Price < 5);
        bool anyEmpty = inventory.Items.Any(item => item.Quantity == 0);
        bool allPriced = inventory.Items.All(item => item.Price > 0);
        string firstDear = inventory.Items.First(item => item.Price > 20).Name;
        string noneDear = inventory.Items.FirstOrDefault(item => item.Price > 1000)?.Name ?? "none";
        var byPrice = inventory.Items.OrderByDescending(item => item.Price).ThenBy(item => item.Name, StringComparer.Ordinal).Select(item => item.Name).ToList();
        int maxQuantity = inventory.Items.Max(item => item.Quantity);
        inventory.MinQuantity = 10;
        List<string> restocked = inventory.Stocked();
        string noMatch;
        try
        {
            noMatch = inventory.Items.First(item => item.Price < 0).Name;
        }
        catch (InvalidOperationException e)
        {
            noMatch = Describe(e);
        }
        return Invariant($"stocked={Join(stocked)}/{Join(restocked)},value={value},cheap={cheap},anyEmpty={anyEmpty},allPriced={allPriced},firstDear={firstDear},noneDear={noneDear},byPrice={Join(byPrice)},maxQuantity={maxQuantity},checks={inventory.Checks},noMatch={noMatch}");
    }

    private sealed class Words
    {
        public readonly List<string> All = [];
        public readonly List<int> Weights = [];
    }

    public static string LinqGroupByDistinctZipAggregate()
    {
        var words = new Words();
        words.All.AddRange("apple avocado banana blueberry cherry apple banana date".Split(' '));
        words.Weights.AddRange([3, 1, 4, 1, 5]);
        var groups = words.All.GroupBy(word => word[0]).Select(group => Invariant($"{group.Key}:{group.Count()}")).ToList();
        var distinct = words.All.Distinct().ToList();
        Dictionary<string, int> lengths = distinct.ToDictionary(word => word, word => word.Length);
        var zipped = words.Weights.Zip(words.All, (weight, word) => word + weight.ToString(CultureInfo.InvariantCulture)).ToList();
        int totalLength = words.All.Aggregate(0, (sum, word) => sum + word.Length);
        string dashed = words.All.Take(3).Aggregate((left, right) => left + "-" + right);
        var indexed = words.All.Select((word, index) => Invariant($"{index}{word[0]}")).Skip(2).Take(4).ToList();
        bool sameTwice = words.All.Take(2).SequenceEqual(new[] { "apple", "avocado" });
        var longest = words.All.OrderByDescending(word => word.Length).ThenBy(word => word, StringComparer.Ordinal).First();
        var concatenated = words.Weights.Concat(new[] { 9, 2 }).Reverse().ToArray();
        return Invariant($"groups={Join(groups)},distinct={Join(distinct)},lengths={Pairs(lengths)},zipped={Join(zipped)},totalLength={totalLength},dashed={dashed},indexed={Join(indexed)},sameTwice={sameTwice},longest={longest},concatenated={Join(concatenated)}");
    }

    private sealed class Feed
    {
        public readonly List<int> Source = [];
        public int Limit;
        public int Evaluations;

        public IEnumerable<int> Above() => Source.Where(x =>
        {
            Evaluations++;
            return x > Limit;
        }).Select(x => x * 10);
    }

    public static string LinqDeferredExecution()
    {
        var feed = new Feed { Limit = 3 };
        for (int i = 1; i <= 6; i++)
            feed.Source.Add(i);
        IEnumerable<int> query = feed.Above();
        int evaluationsBeforeEnumeration = feed.Evaluations;
        List<int> snapshot = query.ToList();
        feed.Source.Add(7);
        feed.Source.Remove(5);
        feed.Limit = 1;
        string live = Join(query);
        int count = query.Count();
        string modified;
        try
        {
            foreach (int x in query)
            {
                if (x == 20)
                    feed.Source.Add(8);
            }
            modified = "no exception";
        }
        catch (InvalidOperationException e)
        {
            modified = Describe(e);
        }
        return Invariant($"snapshot={Join(snapshot)},live={live},count={count},source={Join(feed.Source)},evaluations={evaluationsBeforeEnumeration}/{feed.Evaluations},modified={modified}");
    }

    public static string LinqOverDictionary()
    {
        var scores = new Stock();
        scores.Put("ann", 70);
        scores.Put("bob", 55);
        scores.Put("cid", 90);
        scores.Put("dee", 55);
        scores.Put("eve", 82);
        var threshold = new Threshold { Limit = 60 };
        var passed = scores.Counts.Where(pair => pair.Value >= threshold.Limit).OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + pair.Value.ToString(CultureInfo.InvariantCulture)).ToList();
        int sum = scores.Counts.Values.Sum();
        double average = scores.Counts.Values.Average();
        string lastKey = scores.Counts.Keys.OrderBy(key => key, StringComparer.Ordinal).Last();
        var byScore = scores.Counts.GroupBy(pair => pair.Value).OrderBy(group => group.Key).Select(group => Invariant($"{group.Key}:{string.Join("+", group.Select(pair => pair.Key))}")).ToList();
        ILookup<int, string> byTens = scores.Counts.ToLookup(pair => pair.Value / 10, pair => pair.Key);
        Dictionary<string, int> doubled = scores.Counts.ToDictionary(pair => pair.Key.ToUpperInvariant(), pair => pair.Value * 2);
        threshold.Limit = 80;
        int stillPassing = scores.Counts.Count(pair => pair.Value >= threshold.Limit);
        return Invariant($"passed={Join(passed)},sum={sum},average={Of(average)},lastKey={lastKey},byScore={Join(byScore)},fifties={Join(byTens[5])},tens={byTens.Count},doubled={Pairs(doubled)},stillPassing={stillPassing}");
    }

    // ------------------------------------------------------ Enumerators via interfaces

    /// <summary>Counts down from Start by Step (both read on every step) with an iterator.</summary>
    private sealed class Countdown(int start, int step) : IEnumerable<int>
    {
        public int Start = start;
        public int Step = step;
        public int Yielded;
        public int Finished;

        public IEnumerator<int> GetEnumerator()
        {
            try
            {
                for (int i = Start; i > 0; i -= Step)
                {
                    Yielded++;
                    yield return i;
                }
            }
            finally
            {
                Finished++;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Sources
    {
        public readonly List<int> List = [3, 1, 4];
        public readonly int[] Array = [1, 5, 9];
        public readonly HashSet<int> Set = [2, 6, 5];
        public readonly Dictionary<int, string> Map = new() { [3] = "c", [5] = "e" };
        public readonly Queue<int> Queue = new(new[] { 8, 9 });
        public readonly Countdown Countdown = new(7, 3);
    }

    public static string InterfaceEnumerables()
    {
        var sources = new Sources();
        IEnumerable<int>[] all = [sources.List, sources.Array, sources.Set, sources.Map.Keys, sources.Queue, sources.Countdown];
        var parts = new List<string>();
        foreach (IEnumerable<int> source in all)
        {
            int sum = 0;
            var seen = new List<int>();
            foreach (int x in source)
            {
                sum += x;
                seen.Add(x);
            }
            parts.Add(Invariant($"{Join("+", seen)}={sum}#{source.Count()}"));
        }
        IEnumerable<int> live = sources.List;
        sources.List.Add(10);
        bool containsTen = live.Contains(10);
        System.Collections.IEnumerable untyped = sources.Countdown;
        int objects = 0;
        foreach (object boxed in untyped)
            objects += (int)boxed;
        return Invariant($"parts={Join(" ", parts)},liveCount={live.Count()},containsTen={containsTen},objects={objects},yielded={sources.Countdown.Yielded},finished={sources.Countdown.Finished}");
    }

    private sealed class Holders
    {
        public readonly List<int> List = [1, 2, 3];
        public readonly HashSet<int> Set = [1, 2];
        public readonly int[] Array = [7, 8, 9];
        public readonly List<string> Names = ["ann", "bob"];
    }

    public static string InterfaceCollections()
    {
        var holders = new Holders();
        ICollection<int> collection = holders.List;
        collection.Add(4);
        bool removed = collection.Remove(1);
        bool contains = collection.Contains(3);
        int collectionCount = collection.Count;
        ICollection<int> setCollection = holders.Set;
        setCollection.Add(2);
        setCollection.Add(7);
        ICollection<int> fixedSize = holders.Array;
        string addToArray;
        try
        {
            fixedSize.Add(1);
            addToArray = "no exception";
        }
        catch (NotSupportedException e)
        {
            addToArray = Describe(e);
        }
        IList<int> arrayList = holders.Array;
        arrayList[1] = 50;
        int indexOf = arrayList.IndexOf(50);
        string removeFromArray;
        try
        {
            arrayList.RemoveAt(0);
            removeFromArray = "no exception";
        }
        catch (NotSupportedException e)
        {
            removeFromArray = Describe(e);
        }
        IList<int> list = holders.List;
        list.Insert(0, 100);
        list.RemoveAt(list.Count - 1);
        list[1] += 5;
        IReadOnlyList<int> readOnlyArray = holders.Array;
        IReadOnlyList<string> names = holders.Names;
        IReadOnlyCollection<int> readOnlySet = holders.Set;
        var copied = new int[collection.Count + 1];
        collection.CopyTo(copied, 1);
        return Invariant($"list={Join(holders.List)},set={Join(holders.Set)},array={Join(holders.Array)},removed={removed},contains={contains},counts={collectionCount}/{setCollection.Count}/{readOnlySet.Count},addToArray={addToArray},removeFromArray={removeFromArray},indexOf={indexOf},readOnly={readOnlyArray[2]}/{readOnlyArray.Count},lastName={names[names.Count - 1]},copied={Join(copied)}");
    }

    private sealed class Registry(IDictionary<string, int> map)
    {
        public readonly IDictionary<string, int> Map = map;
        public int Operations;

        public string Exercise()
        {
            Map.Add("m", 1);
            Map["c"] = 3;
            Map["a"] = 2;
            Map["m"] += 10;
            bool found = Map.TryGetValue("c", out int c);
            bool removed = Map.Remove("c");
            bool hasC = Map.ContainsKey("c");
            ICollection<KeyValuePair<string, int>> pairs = Map;
            pairs.Add(new KeyValuePair<string, int>("z", 26));
            bool containsPair = pairs.Contains(new KeyValuePair<string, int>("a", 2));
            bool containsWrongPair = pairs.Contains(new KeyValuePair<string, int>("a", 3));
            var readOnly = (IReadOnlyDictionary<string, int>)Map;
            int m = readOnly["m"];
            int valueSum = 0;
            foreach (int value in Map.Values)
                valueSum += value;
            Operations += 8;
            return Invariant($"pairs={Pairs(Map)},keys={Join(Map.Keys)},found={found}:{c},removed={removed},hasC={hasC},containsPair={containsPair}/{containsWrongPair},m={m},valueSum={valueSum},count={Map.Count}");
        }
    }

    public static string InterfaceDictionaries()
    {
        var hashed = new Registry(new Dictionary<string, int>());
        var sorted = new Registry(new SortedDictionary<string, int>(StringComparer.Ordinal));
        string first = hashed.Exercise();
        string second = sorted.Exercise();
        return Invariant($"dictionary[{first}],sorted[{second}],operations={hashed.Operations + sorted.Operations}");
    }

    public static string UserEnumerableYield()
    {
        var countdown = new Countdown(10, 2);
        var all = new List<int>();
        foreach (int x in countdown)
            all.Add(x);
        int sum = countdown.Sum();
        List<int> firstTwo = countdown.Take(2).ToList();
        int finishedAfterTake = countdown.Finished;
        int first, second;
        bool more;
        using (IEnumerator<int> enumerator = countdown.GetEnumerator())
        {
            enumerator.MoveNext();
            first = enumerator.Current;
            countdown.Step = 5;
            enumerator.MoveNext();
            second = enumerator.Current;
            enumerator.MoveNext();
            more = enumerator.MoveNext();
        }
        countdown.Start = 4;
        countdown.Step = 1;
        string rerun = Join(countdown);
        return Invariant($"all={Join(all)},sum={sum},firstTwo={Join(firstTwo)},finishedAfterTake={finishedAfterTake},manual={first}/{second}/{more},rerun={rerun},yielded={countdown.Yielded},finished={countdown.Finished}");
    }

    // -------------------------------------------------------------------- Delegates

    private sealed class Counter
    {
        public int Value;
        public readonly List<string> Log = [];
    }

    private static int s_staticBumps;

    private static void StaticBump() => s_staticBumps++;

    private static int Triple(int x) => x * 3;

    public static string DelegatesMutatingFields()
    {
        s_staticBumps = 0;
        var counter = new Counter();
        Action increment = () => counter.Value++;
        Func<int, int> addAndGet = n => counter.Value += n;
        Action<string> log = counter.Log.Add;
        Func<int, int> triple = Triple;
        Action staticBump = StaticBump;
        increment();
        int afterAdd = addAndGet(5);
        log("first");
        int tripled = triple(counter.Value);
        Action? all = increment;
        all += staticBump;
        all += () => log(Invariant($"value={counter.Value}"));
        all();
        all -= increment;
        all?.Invoke();
        int invocations = all?.GetInvocationList().Length ?? 0;
        Func<int, int> composed = x => triple(addAndGet(x));
        int composedResult = composed(1);
        Func<int> reader = () => counter.Value;
        counter.Value = 100;
        return Invariant($"value={counter.Value},read={reader()},afterAdd={afterAdd},tripled={tripled},composed={composedResult},invocations={invocations},staticBumps={s_staticBumps},log={Join(counter.Log)}");
    }

    public static string DelegatesToBclMethods()
    {
        Func<int, int, int> max = Math.Max;
        Func<int, int> abs = Math.Abs;
        Func<double, double> sqrt = Math.Sqrt;
        Func<string?, string?, string> concat = string.Concat;
        Func<string?, bool> isEmpty = string.IsNullOrEmpty;
        Func<char, bool> isDigit = char.IsDigit;
        Func<string, string> upper = CultureInfo.InvariantCulture.TextInfo.ToUpper;
        var roster = new Roster();
        roster.AddRange([-3, 7, -12, 5]);
        Action<int> add = roster.Items.Add;
        Predicate<int> contains = roster.Items.Contains;
        Func<int, int> indexOf = roster.Items.IndexOf;
        Comparison<int> compare = Comparer<int>.Default.Compare;
        add(9);
        add(-1);
        roster.Items.Sort(compare);
        List<int> absolute = roster.Items.ConvertAll<int>(Math.Abs);
        int folded = roster.Items.Aggregate(int.MinValue, max);
        string joined = new[] { "a", "b", "c" }.Aggregate(concat);
        int digits = "a1b22c333".Count(isDigit);
        return Invariant($"items={Join(roster.Items)},absolute={Join(absolute)},max={max(3, 8)},abs={abs(-4)},sqrt={Of(sqrt(2.25))},concat={concat("x", null)},isEmpty={isEmpty("")}/{isEmpty("q")},folded={folded},joined={joined},digits={digits},upper={upper("mixed Case")},contains={contains(9)}/{contains(4)},indexOf={indexOf(5)}");
    }

    // ------------------------------------------------------------------- Pure calls

    private sealed class Doc
    {
        public string Text = "";
        public int Edits;

        public void Set(string text)
        {
            Text = text;
            Edits++;
        }
    }

    public static string StringMethods()
    {
        var doc = new Doc();
        var sheet = new Sheet();
        doc.Set("  alpha,beta,,gamma;delta  ");
        string trimmed = doc.Text.Trim();
        string[] parts = trimmed.Split(',');
        sheet.Note("parts", parts.Length);
        string[] nonEmpty = trimmed.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries);
        doc.Set(string.Join("|", nonEmpty));
        sheet.Note("joined", doc.Text);
        sheet.Note("sub", doc.Text.Substring(6, 4));
        doc.Set(doc.Text.Replace("|", " / ", StringComparison.Ordinal));
        sheet.Note("replaced", doc.Text);
        sheet.Note("format", string.Format(CultureInfo.InvariantCulture, "{0}-{1:D3}-{2:F2}", "id", 7, 2.5));
        sheet.Note("interpolated", Invariant($"{parts.Length} parts, first={parts[0]}, pi={Math.PI:F3}"));
        sheet.Note("indexOf", doc.Text.IndexOf('g', StringComparison.Ordinal));
        sheet.Note("lastIndexOf", doc.Text.LastIndexOf('a'));
        sheet.Note("upper", doc.Text.ToUpperInvariant());
        sheet.Note("pad", "7".PadLeft(4, '.') + "|" + "ab".PadRight(4, '_'));
        sheet.Note("starts", doc.Text.StartsWith("alpha", StringComparison.Ordinal));
        sheet.Note("contains", doc.Text.Contains("gamma", StringComparison.Ordinal));
        sheet.Note("compare", Math.Sign(string.Compare("abc", "abd", StringComparison.Ordinal)));
        sheet.Note("ignoreCase", string.Equals("ABC", "abc", StringComparison.OrdinalIgnoreCase));
        sheet.Note("repeat", new string('x', 3));
        char[] chars = "stressed".ToCharArray();
        Array.Reverse(chars);
        sheet.Note("reversed", new string(chars));
        sheet.Note("concat", string.Concat("a", "b", "c"));
        sheet.Note("whitespace", string.IsNullOrWhiteSpace("  \t"));
        sheet.Note("insertRemove", "abcdef".Insert(3, "XY").Remove(1, 2));
        sheet.Note("trimChars", "--x--".Trim('-'));
        return Invariant($"text={doc.Text},edits={doc.Edits},sheet={sheet}");
    }

    public static string MathAndConvert()
    {
        var sheet = new Sheet();
        sheet.Note("abs", Math.Abs(-17));
        sheet.Note("max", Math.Max(4, 9));
        sheet.Note("min", Math.Min(-2L, 3L));
        sheet.Note("pow", Math.Pow(2, 10));
        sheet.Note("sqrt", Math.Sqrt(2));
        sheet.Note("round", Math.Round(2.5));
        sheet.Note("roundAway", Math.Round(2.5, MidpointRounding.AwayFromZero));
        sheet.Note("round2", Math.Round(3.14159, 2));
        sheet.Note("floor", Math.Floor(-2.5));
        sheet.Note("ceiling", Math.Ceiling(-2.5));
        sheet.Note("clamp", Math.Clamp(15, 0, 10));
        var (quotient, remainder) = Math.DivRem(17, 5);
        sheet.Note("divRem", Invariant($"{quotient}r{remainder}"));
        sheet.Note("sign", Math.Sign(-4.5));
        sheet.Note("bigMul", Math.BigMul(100_000, 300_000));
        sheet.Note("log10", Math.Log10(1000));
        sheet.Note("toInt32", Convert.ToInt32("42", CultureInfo.InvariantCulture));
        sheet.Note("binary", Convert.ToString(255, 2));
        sheet.Note("hex", Convert.ToString(255, 16));
        sheet.Note("fromHex", Convert.ToInt32("ff", 16));
        byte[] bytes = [1, 2, 3, 250];
        string base64 = Convert.ToBase64String(bytes);
        sheet.Note("base64", base64);
        sheet.Note("fromBase64", Join(Convert.FromBase64String(base64)));
        sheet.Note("toDouble", Convert.ToDouble("1.5", CultureInfo.InvariantCulture));
        sheet.Note("toBoolean", Convert.ToBoolean("true", CultureInfo.InvariantCulture));
        sheet.Note("toChar", Convert.ToChar(65));
        sheet.Note("banker", Invariant($"{Convert.ToInt32(2.5)}/{Convert.ToInt32(3.5)}"));
        sheet.Note("parse", int.Parse("-123", CultureInfo.InvariantCulture));
        bool parsedBad = int.TryParse("12x", NumberStyles.Integer, CultureInfo.InvariantCulture, out int bad);
        bool parsedGood = int.TryParse("77", NumberStyles.Integer, CultureInfo.InvariantCulture, out int good);
        sheet.Note("tryParse", Invariant($"{parsedBad}:{bad}/{parsedGood}:{good}"));
        sheet.Note("parseDouble", double.Parse("6.25", CultureInfo.InvariantCulture));
        sheet.Note("parseLong", long.Parse("9000000000", CultureInfo.InvariantCulture));
        try
        {
            sheet.Note("format", int.Parse("x", CultureInfo.InvariantCulture));
        }
        catch (FormatException e)
        {
            sheet.Note("format", Describe(e));
        }
        try
        {
            sheet.Note("overflow", int.Parse("99999999999", CultureInfo.InvariantCulture));
        }
        catch (OverflowException e)
        {
            sheet.Note("overflow", Describe(e));
        }
        try
        {
            sheet.Note("badHex", Convert.ToInt32("zz", 16));
        }
        catch (FormatException e)
        {
            sheet.Note("badHex", Describe(e));
        }
        return sheet.ToString();
    }

    public static string GuidDateTimeTimeSpan()
    {
        var sheet = new Sheet();
        Guid id = Guid.Parse("d3b07384-d9a0-4c9b-8b1e-2f3c4a5b6c7d");
        sheet.Note("n", id.ToString("N"));
        sheet.Note("b", id.ToString("B").ToUpperInvariant());
        sheet.Note("roundTrip", id == Guid.Parse(id.ToString("N")));
        sheet.Note("bytes", new Guid(id.ToByteArray()) == id);
        sheet.Note("tryParse", Guid.TryParse("nope", out Guid parsed) + "/" + parsed.ToString());
        sheet.Note("compare", Math.Sign(id.CompareTo(Guid.Empty)));
        var start = new DateTime(2024, 2, 28, 22, 30, 0, DateTimeKind.Utc);
        DateTime nextDay = start.AddDays(1);
        DateTime later = start.AddHours(3);
        sheet.Note("nextDay", nextDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        sheet.Note("later", later.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        sheet.Note("addMonths", start.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        sheet.Note("addYears", start.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        sheet.Note("dayOfWeek", start.DayOfWeek.ToString());
        sheet.Note("dayOfYear", start.DayOfYear);
        sheet.Note("hours", (later - start).TotalHours);
        sheet.Note("roundTripFormat", start.ToString("o", CultureInfo.InvariantCulture));
        DateTime parsedDate = DateTime.ParseExact("2023-12-31 23:59", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).AddMinutes(1);
        sheet.Note("parseExact", parsedDate.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        sheet.Note("leap", Invariant($"{DateTime.IsLeapYear(2024)}/{DateTime.DaysInMonth(2023, 2)}"));
        TimeSpan span = TimeSpan.FromMinutes(90) + TimeSpan.FromSeconds(30);
        sheet.Note("span", span.ToString("c", CultureInfo.InvariantCulture));
        sheet.Note("totalSeconds", span.TotalSeconds);
        sheet.Note("doubled", (span * 2).ToString("c", CultureInfo.InvariantCulture));
        TimeSpan parsedSpan = TimeSpan.Parse("1.02:03:04", CultureInfo.InvariantCulture);
        sheet.Note("parsedSpan", parsedSpan.TotalMinutes);
        sheet.Note("negative", (span - parsedSpan).Duration().ToString("c", CultureInfo.InvariantCulture));
        sheet.Note("dateOnly", DateOnly.FromDateTime(start).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return sheet.ToString();
    }

    private enum Color
    {
        Red,
        Green,
        Blue,
    }

    [Flags]
    private enum Access
    {
        None = 0,
        Read = 1,
        Write = 2,
        Execute = 4,
    }

    private sealed class CharCensus
    {
        public int Letters;
        public int Digits;
        public int Upper;
        public int Spaces;
        public int Punctuation;
        public readonly Dictionary<Color, int> Votes = new();

        public void Count(string text)
        {
            foreach (char c in text)
            {
                if (char.IsLetter(c))
                    Letters++;
                if (char.IsDigit(c))
                    Digits++;
                if (char.IsUpper(c))
                    Upper++;
                if (char.IsWhiteSpace(c))
                    Spaces++;
                if (char.IsPunctuation(c))
                    Punctuation++;
            }
        }

        public void Vote(string name)
        {
            if (Enum.TryParse(name, ignoreCase: true, out Color color))
                Votes[color] = Votes.GetValueOrDefault(color) + 1;
        }
    }

    public static string EnumsAndChars()
    {
        var census = new CharCensus();
        census.Count("Hello, World 42! Ok?");
        foreach (string name in new[] { "red", "Blue", "BLUE", "purple", "green", "blue" })
            census.Vote(name);
        var sheet = new Sheet();
        sheet.Note("toString", Color.Blue.ToString());
        sheet.Note("parse", (int)Enum.Parse<Color>("Green"));
        sheet.Note("tryParse", Enum.TryParse("Purple", out Color purple) + "/" + purple.ToString());
        sheet.Note("undefined", ((Color)5).ToString());
        sheet.Note("isDefined", Enum.IsDefined((Color)1) + "/" + Enum.IsDefined((Color)7));
        sheet.Note("names", string.Join("+", Enum.GetNames<Color>()));
        sheet.Note("flags", (Access.Read | Access.Write).ToString());
        sheet.Note("hasFlag", (Access.Read | Access.Execute).HasFlag(Access.Execute));
        sheet.Note("parseFlags", (int)Enum.Parse<Access>("Read, Execute"));
        sheet.Note("none", Access.None.ToString());
        sheet.Note("upper", char.ToUpperInvariant('q'));
        sheet.Note("numeric", char.GetNumericValue('7'));
        sheet.Note("code", (int)'A');
        sheet.Note("shifted", (char)('a' + 2));
        sheet.Note("surrogates", char.ConvertFromUtf32(0x1F600).Length);
        sheet.Note("letterOrDigit", char.IsLetterOrDigit('_'));
        try
        {
            sheet.Note("badParse", Enum.Parse<Color>("Magenta"));
        }
        catch (ArgumentException e)
        {
            sheet.Note("badParse", Describe(e));
        }
        return Invariant($"letters={census.Letters},digits={census.Digits},upper={census.Upper},spaces={census.Spaces},punctuation={census.Punctuation},votes={Pairs(census.Votes)},sheet={sheet}");
    }

    // --------------------------------------------------- Blocking calls outside locks

    private sealed class Box
    {
        public int A;
        public int B;
        public int C;
        public readonly List<string> Log = [];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fail(Box box, string message)
    {
        box.C = -1;
        throw new InvalidOperationException(message);
    }

    public static string SleepBetweenFieldUpdates()
    {
        var box = new Box { A = 1 };
        box.Log.Add("a");
        Thread.Sleep(1);
        box.B = box.A + 1;
        box.Log.Add("b");
        Thread.Sleep(TimeSpan.FromMilliseconds(1));
        box.C = box.A + box.B;
        box.Log.Add("c");
        Thread.Sleep(0);
        Thread.SpinWait(10);
        box.A += box.C;
        return Invariant($"a={box.A},b={box.B},c={box.C},log={Join(box.Log)}");
    }

    public static string JoinHelperThread()
    {
        var box = new Box { A = 3 };
        var helper = new Thread(() =>
        {
            box.B = box.A * 10;
            box.Log.Add("helper");
        });
        helper.Start();
        helper.Join();
        box.Log.Add("main");
        box.C = box.B + 1;
        var second = new Thread(() =>
        {
            box.A = box.C * 2;
            box.Log.Add("second");
        });
        second.Start();
        bool joinedInTime = second.Join(TimeSpan.FromSeconds(30));
        return Invariant($"a={box.A},b={box.B},c={box.C},log={Join(box.Log)},joined={joinedInTime},alive={helper.IsAlive}/{second.IsAlive}");
    }

    public static string SemaphoreSlimWaitRelease()
    {
        using var semaphore = new SemaphoreSlim(1, 2);
        var box = new Box();
        semaphore.Wait();
        box.A++;
        int inside = semaphore.CurrentCount;
        int previous = semaphore.Release();
        bool first = semaphore.Wait(0);
        bool second = semaphore.Wait(0);
        box.B = semaphore.CurrentCount;
        semaphore.Release();
        bool timed = semaphore.Wait(TimeSpan.FromSeconds(30));
        box.Log.Add("timed");
        var helper = new Thread(() =>
        {
            semaphore.Wait();
            box.C = 7;
            box.Log.Add("helper");
            semaphore.Release();
        });
        helper.Start();
        Thread.Sleep(1);
        box.Log.Add("main releases");
        semaphore.Release();
        helper.Join();
        semaphore.Release();
        string full;
        try
        {
            semaphore.Release();
            full = "no exception";
        }
        catch (SemaphoreFullException e)
        {
            full = Describe(e);
        }
        return Invariant($"a={box.A},b={box.B},c={box.C},inside={inside},previous={previous},waits={first}/{second}/{timed},count={semaphore.CurrentCount},log={Join(box.Log)},full={full}");
    }

    public static string ManualResetEventFromOtherThread()
    {
        using var ready = new ManualResetEventSlim(false);
        var box = new Box();
        var helper = new Thread(() =>
        {
            box.A = 42;
            box.Log.Add("set by helper");
            ready.Set();
        });
        bool before = ready.IsSet;
        helper.Start();
        ready.Wait();
        int seen = box.A;
        helper.Join();
        bool isSet = ready.IsSet;
        ready.Reset();
        bool afterReset = ready.Wait(0);
        using var countdown = new CountdownEvent(2);
        var left = new Thread(() =>
        {
            box.B = 5;
            countdown.Signal();
        });
        var right = new Thread(() =>
        {
            box.C = 6;
            countdown.Signal();
        });
        left.Start();
        right.Start();
        countdown.Wait();
        left.Join();
        right.Join();
        box.Log.Add("main");
        return Invariant($"a={box.A},b={box.B},c={box.C},seen={seen},before={before},isSet={isSet},afterReset={afterReset},remaining={countdown.CurrentCount},log={Join(box.Log)}");
    }

    public static string TaskRunResult()
    {
        var roster = new Roster();
        roster.AddRange([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        int sum = Task.Run(() =>
        {
            int total = 0;
            foreach (int x in roster.Items)
                total += x;
            return total;
        }).Result;
        Task<int> writer = Task.Run(() =>
        {
            roster.Add(11);
            roster.Changes += 100;
            return roster.Items.Count;
        });
        int countFromTask = writer.Result;
        Task.Run(() => roster.Insert(0, 0)).Wait();
        var box = new Box();
        Task failing = Task.Run(() => Fail(box, "task failed"));
        string failure;
        try
        {
            failing.Wait();
            failure = "no exception";
        }
        catch (AggregateException e)
        {
            failure = Describe(e.InnerException!);
        }
        Task<int> six = Task.Run(() => 6);
        Task<int> seven = Task.Run(() => 7);
        int[] both = Task.WhenAll(six, seven).Result;
        int awaited = Task.Run(() => roster.Items.Count * 2).GetAwaiter().GetResult();
        return Invariant($"items={Join(roster.Items)},sum={sum},countFromTask={countFromTask},changes={roster.Changes},failure={failure},boxC={box.C},both={Join(both)},awaited={awaited},fromResult={Task.FromResult(5).Result}");
    }

    // -------------------------------------------------------------------------- I/O

    private sealed class Journal
    {
        public readonly StringWriter Writer = new(CultureInfo.InvariantCulture) { NewLine = "\n" };
        public int Entries;

        public void Write(string label, int value)
        {
            Writer.Write(label);
            Writer.Write('=');
            Writer.Write(value);
            Writer.WriteLine();
            Entries++;
        }
    }

    public static string StringWriterAndReader()
    {
        var journal = new Journal();
        journal.Write("a", 1);
        journal.Write("b", -22);
        journal.Writer.Write(2.5);
        journal.Writer.WriteLine(" done");
        journal.Write("c", 333);
        journal.Writer.Flush();
        string text = journal.Writer.ToString();
        var lines = new List<string>();
        using (var reader = new StringReader(text))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
                lines.Add(line);
        }
        int peek, read;
        string? firstLine;
        string rest;
        using (var reader = new StringReader(text))
        {
            peek = reader.Peek();
            read = reader.Read();
            firstLine = reader.ReadLine();
            rest = reader.ReadToEnd();
        }
        return Invariant($"lines={Join("|", lines)},entries={journal.Entries},length={journal.Writer.GetStringBuilder().Length},peek={peek},read={read},firstLine={firstLine},rest={OneLine(rest)}");
    }

    public static string TempFileRoundTrip()
    {
        string path = Path.GetTempFileName();
        var sheet = new Sheet();
        try
        {
            sheet.Note("emptyAtStart", new FileInfo(path).Length);
            File.WriteAllText(path, "first line\n");
            File.AppendAllLines(path, ["second", "third"]);
            sheet.Note("lines", string.Join("|", File.ReadAllLines(path)));
            using (var writer = new StreamWriter(path, append: true))
            {
                writer.Write("tail:");
                writer.Write("7");
            }
            sheet.Note("all", OneLine(File.ReadAllText(path)));
            byte[] bytes = File.ReadAllBytes(path);
            sheet.Note("bytes", bytes.Length == new FileInfo(path).Length);
            using (FileStream stream = File.OpenRead(path))
                sheet.Note("firstByte", stream.ReadByte());
        }
        finally
        {
            File.Delete(path);
        }
        sheet.Note("existsAfter", File.Exists(path));
        try
        {
            sheet.Note("missing", File.ReadAllText(path));
        }
        catch (FileNotFoundException e)
        {
            // The message names the temporary path, which changes on every run.
            sheet.Note("missing", e.GetType().Name);
        }
        return sheet.ToString();
    }

    public static string StreamsInMemory()
    {
        var sheet = new Sheet();
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(42);
            writer.Write("hello");
            writer.Write(2.5);
            writer.Write(true);
        }
        sheet.Note("length", memory.Length);
        memory.Position = 0;
        using (var reader = new BinaryReader(memory, Encoding.UTF8, leaveOpen: true))
        {
            sheet.Note("int", reader.ReadInt32());
            sheet.Note("string", reader.ReadString());
            sheet.Note("double", reader.ReadDouble());
            sheet.Note("bool", reader.ReadBoolean());
        }
        var utf8 = new UTF8Encoding(false);
        using var text = new MemoryStream();
        using (var writer = new StreamWriter(text, utf8, leaveOpen: true))
        {
            writer.Write("line1\n");
            writer.Write("líne2");
        }
        byte[] raw = text.ToArray();
        sheet.Note("rawLength", raw.Length);
        text.Position = 0;
        using (var reader = new StreamReader(text, utf8, leaveOpen: true))
        {
            sheet.Note("first", reader.ReadLine());
            sheet.Note("second", reader.ReadLine());
            sheet.Note("end", reader.ReadLine());
        }
        sheet.Note("decoded", OneLine(utf8.GetString(raw)));
        return sheet.ToString();
    }

    // ------------------------------------------------------------------- Exceptions

    private sealed class Workbench
    {
        public readonly List<string> Done = [];
        public readonly Dictionary<string, int> Totals = new();
        public readonly StringBuilder Notes = new();
        public int Steps;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Explode(Workbench bench, string step)
    {
        bench.Steps++;
        throw new InvalidOperationException("failed at " + step);
    }

    public static string EffectsBeforeUserThrowRemain()
    {
        var bench = new Workbench();
        bench.Done.Add("cut");
        bench.Totals["cut"] = 1;
        bench.Notes.Append("cut;");
        try
        {
            bench.Done.Add("glue");
            bench.Totals["glue"] = 2;
            bench.Notes.Append("glue;");
            Explode(bench, "glue");
            bench.Done.Add("never");
        }
        catch (InvalidOperationException e)
        {
            bench.Notes.Append("caught:").Append(e.Message).Append(';');
        }
        finally
        {
            bench.Done.Add("cleanup");
        }
        try
        {
            try
            {
                bench.Notes.Append("inner;");
                bench.Done.Insert(0, "first");
                throw new ArgumentException("bad argument");
            }
            finally
            {
                bench.Totals["finally"] = 3;
            }
        }
        catch (ArgumentException e) when (bench.Done.Count > 3)
        {
            bench.Notes.Append("filtered:").Append(e.Message).Append(';');
            bench.Totals.Remove("cut");
        }
        return Invariant($"done={Join(bench.Done)},totals={Pairs(bench.Totals)},notes={bench.Notes},steps={bench.Steps}");
    }

    private sealed class ThrowingKey(int id, bool throwOnHash)
    {
        public readonly int Id = id;
        public readonly bool ThrowOnHash = throwOnHash;

        public override int GetHashCode() => ThrowOnHash ? throw new InvalidOperationException(Invariant($"no hash for {Id}")) : Id;

        public override bool Equals(object? obj) => obj is ThrowingKey other && other.Id == Id;

        public override string ToString() => Invariant($"k{Id}");
    }

    public static string ExceptionInsideBclCallback()
    {
        var ranking = new Ranking();
        ranking.Scores.AddRange([9, 4, 7, 1, 8, 2, 6]);
        string sortFailure;
        try
        {
            ranking.Scores.Sort((a, b) =>
            {
                ranking.Comparisons++;
                if (ranking.Comparisons == 5)
                    throw new InvalidOperationException("comparer gave up");
                return a.CompareTo(b);
            });
            sortFailure = "no exception";
        }
        catch (InvalidOperationException e)
        {
            sortFailure = Describe(e) + " <- " + (e.InnerException is { } inner ? Describe(inner) : "none");
        }
        var selected = new List<int>();
        string selectFailure;
        try
        {
            selectFailure = Join(new[] { 1, 2, 3, 4 }.Select(x =>
            {
                if (x == 3)
                    throw new ArgumentException("three");
                selected.Add(x);
                return x;
            }).ToList());
        }
        catch (ArgumentException e)
        {
            selectFailure = Describe(e);
        }
        var countdown = new Countdown(5, 1);
        var seen = new List<int>();
        string iteratorFailure;
        try
        {
            foreach (int x in countdown)
            {
                seen.Add(x);
                if (x == 3)
                    throw new InvalidOperationException("stop at 3");
            }
            iteratorFailure = "no exception";
        }
        catch (InvalidOperationException e)
        {
            iteratorFailure = Describe(e);
        }
        var keyed = new Dictionary<ThrowingKey, string> { [new ThrowingKey(1, false)] = "one" };
        string hashFailure;
        try
        {
            keyed.Add(new ThrowingKey(2, true), "two");
            hashFailure = "no exception";
        }
        catch (InvalidOperationException e)
        {
            hashFailure = Describe(e);
        }
        return Invariant($"partialSort={Join(ranking.Scores)},comparisons={ranking.Comparisons},sortFailure={sortFailure},selected={Join(selected)},selectFailure={selectFailure},seen={Join(seen)},finished={countdown.Finished},iteratorFailure={iteratorFailure},keyed={Pairs(keyed)},hashFailure={hashFailure}");
    }

    // ---------------------------------------------------------------- Array helpers

    private sealed class Shelf
    {
        public int[] Values = [5, 3, 8, 1];
        public int Resizes;

        public void Resize(int length)
        {
            Array.Resize(ref Values, length);
            Resizes++;
        }
    }

    public static string ArrayStaticMethods()
    {
        var shelf = new Shelf();
        shelf.Resize(6);
        shelf.Values[4] = 9;
        shelf.Values[5] = 2;
        Array.Sort(shelf.Values);
        string sorted = Join(shelf.Values);
        int indexOf8 = Array.IndexOf(shelf.Values, 8);
        int search = Array.BinarySearch(shelf.Values, 4);
        Array.Reverse(shelf.Values);
        var copy = new int[8];
        Array.Copy(shelf.Values, 0, copy, 1, 6);
        Array.Fill(copy, 7, 7, 1);
        Array.Clear(copy, 1, 1);
        var threshold = new Threshold { Limit = 4 };
        bool exists = Array.Exists(shelf.Values, v => v > threshold.Limit);
        int[] big = Array.FindAll(shelf.Values, v => v > threshold.Limit);
        string[] labels = Array.ConvertAll(shelf.Values, v => "v" + v.ToString(CultureInfo.InvariantCulture));
        var clone = (int[])shelf.Values.Clone();
        clone[0] = -1;
        string[] keys = ["c", "a", "b"];
        int[] items = [3, 1, 2];
        Array.Sort(keys, items, StringComparer.Ordinal);
        shelf.Resize(3);
        return Invariant($"values={Join(shelf.Values)},sorted={sorted},indexOf8={indexOf8},search={search},copy={Join(copy)},exists={exists},big={Join(big)},labels={Join(labels)},clone={Join(clone)},keys={Join(keys)},items={Join(items)},resizes={shelf.Resizes},empty={Array.Empty<int>().Length}");
    }
}
