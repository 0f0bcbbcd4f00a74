using System.Globalization;
using Stm;

namespace Regions;

/// <summary>[Atomic] methods, Atomic.Run and [NoStm]: single-threaded, same results woven or not.</summary>
public static class RegionScenarios
{
    private sealed class Account(long balance)
    {
        public long Balance = balance;
    }

    [Atomic]
    private static void Transfer(Account from, Account to, long amount, bool failHalfway)
    {
        from.Balance -= amount;
        if (failHalfway)
            throw new InvalidOperationException("declined after the debit");
        to.Balance += amount;
    }

    [Atomic]
    private static long TransferTwice(Account a, Account b, long amount)
    {
        Transfer(a, b, amount, failHalfway: false);
        Transfer(b, a, amount / 2, failHalfway: false);
        return a.Balance + b.Balance;
    }

    [Atomic]
    private static long SumInLoop(Account[] accounts)
    {
        long total = 0;
        for (int i = 0; i < accounts.Length; i++)
            total += accounts[i].Balance;
        return total;
    }

    public static string AtomicMethods()
    {
        var a = new Account(100);
        var b = new Account(50);
        Transfer(a, b, 30, failHalfway: false);
        string failure = "";
        try
        {
            Transfer(a, b, 10, failHalfway: true);
        }
        catch (InvalidOperationException e)
        {
            failure = e.Message;
        }
        long total = TransferTwice(a, b, 20);
        long looped = SumInLoop([a, b, new Account(7)]);
        return string.Create(CultureInfo.InvariantCulture, $"{a.Balance},{b.Balance},{failure},{total},{looped}");
    }

    public static string AtomicRunBodies()
    {
        var account = new Account(10);
        Atomic.Run(() => account.Balance *= 3);
        long doubled = Atomic.Run(() => account.Balance * 2);
        int nested = Atomic.Run(() => Atomic.Run(() => Transaction.IsAtomic ? 1 : 0));
        return string.Create(CultureInfo.InvariantCulture, $"{account.Balance},{doubled},{nested}");
    }

    [NoStm]
    private sealed class Untracked
    {
        public int Hits;

        public void Hit() => Hits++;
    }

    public static string NoStmTypesRunAsIs()
    {
        var untracked = new Untracked();
        for (int i = 0; i < 5; i++)
            untracked.Hit();
        return untracked.Hits.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>Transfers and audits as [Atomic] regions from several threads, with no lock.</summary>
public static class RegionConcurrency
{
    private sealed class Bank
    {
        public readonly long[] Balances;

        public Bank(int accounts, long each)
        {
            Balances = new long[accounts];
            for (int i = 0; i < accounts; i++)
                Balances[i] = each;
        }

        [Atomic]
        public void Transfer(int from, int to, long amount)
        {
            Balances[from] -= amount;
            Balances[to] += amount;
        }

        [Atomic]
        public long Audit()
        {
            long total = 0;
            for (int i = 0; i < Balances.Length; i++)
                total += Balances[i];
            return total;
        }
    }

    /// <summary>Returns "total,inconsistent audits": woven, every audit inside a region sees the invariant total.</summary>
    public static string TransfersAndAudits(int threads, int transfersPerThread)
    {
        const int Accounts = 16;
        var bank = new Bank(Accounts, 1000);
        long expected = Accounts * 1000L;
        int badAudits = 0;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int seed = t + 1;
            workers[t] = new Thread(() =>
            {
                uint state = (uint)seed * 2654435761u;
                for (int i = 0; i < transfersPerThread; i++)
                {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    bank.Transfer((int)(state % Accounts), (int)((state >> 8) % Accounts), state % 50);
                    if (i % 64 == 0 && bank.Audit() != expected)
                        Interlocked.Increment(ref badAudits);
                }
            });
        }
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();
        return string.Create(CultureInfo.InvariantCulture, $"{bank.Audit()},{badAudits}");
    }

    /// <summary>
    /// Each thread numbers log lines in an [Atomic] method that writes each one to a TextWriter
    /// (I/O, whose effect cannot be undone: the region becomes inevitable). Returns "lines,in order".
    /// </summary>
    public static string AtomicLogging(int threads, int linesPerThread)
    {
        var log = new NumberedLog();
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
            workers[t] = new Thread(() =>
            {
                for (int i = 0; i < linesPerThread; i++)
                    log.Append();
            });
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();
        return log.Summary();
    }

    /// <summary>
    /// One thread runs a slow static constructor whose woven callee writes shared state and does
    /// I/O; meanwhile the other, inside an [Atomic] region made inevitable by I/O, touches the
    /// type and so waits for the constructor. Returns "value,initializations": both threads see the
    /// constructor's value, which ran once. A constructor's callee that waited for the inevitable
    /// transaction would hang both.
    /// </summary>
    public static string InevitableMeetsStaticConstructor()
    {
        int seenByRegion = 0;
        var initializer = new Thread(() => _ = SlowlyInitialized.Value);
        initializer.Start();
        InitializationGate.Started.Wait();
        Atomic.Run(() =>
        {
            TextWriter.Null.WriteLine("inevitable from here");
            seenByRegion = SlowlyInitialized.Value;
        });
        initializer.Join();
        return string.Create(CultureInfo.InvariantCulture, $"{seenByRegion},{InitializationLog.Initializations}");
    }

    private static class InitializationGate
    {
        public static readonly ManualResetEventSlim Started = new();
    }

    private static class InitializationLog
    {
        public static int Initializations;

        public static int Record()
        {
            Initializations++;
            TextWriter.Null.WriteLine("initialized");
            return 42;
        }
    }

    private static class SlowlyInitialized
    {
        public static readonly int Value;

        static SlowlyInitialized()
        {
            InitializationGate.Started.Set();
            // Long enough for the other thread to become inevitable and block on this type.
            Thread.Sleep(200);
            Value = InitializationLog.Record();
        }
    }

    private sealed class NumberedLog
    {
        private readonly StringWriter _text = new(CultureInfo.InvariantCulture);
        private int _next;

        [Atomic]
        public void Append()
        {
            _next++;
            _text.WriteLine(_next);
        }

        public string Summary()
        {
            string[] lines = _text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            bool ordered = lines.Select(l => int.Parse(l, CultureInfo.InvariantCulture)).SequenceEqual(Enumerable.Range(1, lines.Length));
            return string.Create(CultureInfo.InvariantCulture, $"{lines.Length},{ordered}");
        }
    }
}

/// <summary>Code the weaver accepts with a warning (STM2001: arrays of rank above 3 are not tracked).</summary>
public static class WeaverWarnings
{
    public static int ReadRankFour(int[,,,] cells) => cells[0, 0, 0, 0];
}
