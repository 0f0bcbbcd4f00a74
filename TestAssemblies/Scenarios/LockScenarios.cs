namespace Scenarios;

/// <summary>lock statements on private objects (single-threaded), Monitor, System.Threading.Lock.</summary>
public static class LockScenarios
{
    private sealed class Account
    {
        private readonly object gate = new();
        public int Balance;
        public int Ops;

        public void Deposit(int v)
        {
            lock (gate)
            {
                Balance += v;
                Ops++;
            }
        }

        public bool Withdraw(int v)
        {
            lock (gate)
            {
                if (Balance < v)
                    return false;
                Balance -= v;
                Ops++;
                return true;
            }
        }

        public int NestedRead()
        {
            lock (gate)
            {
                lock (gate)
                    return Monitor.IsEntered(gate) ? Balance : -1;
            }
        }

        public bool ThrowInside()
        {
            try
            {
                lock (gate)
                {
                    Balance++;
                    throw new InvalidOperationException("inside lock");
                }
            }
            catch (InvalidOperationException)
            {
                return Monitor.IsEntered(gate);
            }
        }
    }

    public static string LockOnPrivateObjects()
    {
        var a = new Account();
        var results = new StringBuilder();
        for (int i = 0; i < 6; i++)
        {
            a.Deposit(i * 5);
            results.Append(a.Withdraw(12) ? 'w' : '-');
        }
        int nested = a.NestedRead();
        bool heldAfterThrow = a.ThrowInside();
        return Invariant($"{results},{a.Balance},{a.Ops},{nested},{heldAfterThrow}");
    }

    private sealed class Queue
    {
        private readonly Lock sync = new();
        private readonly object monitor = new();
        private readonly int[] items = new int[8];
        private int count;

        public void Push(int v)
        {
            lock (sync)
                items[count++] = v;
        }

        public int PopScope()
        {
            using (sync.EnterScope())
                return items[--count];
        }

        public int SumWithMonitor()
        {
            bool taken = false;
            try
            {
                Monitor.Enter(monitor, ref taken);
                int s = 0;
                for (int i = 0; i < count; i++)
                    s += items[i];
                return s;
            }
            finally
            {
                if (taken)
                    Monitor.Exit(monitor);
            }
        }

        public string Misuse()
        {
            try
            {
                Monitor.Exit(monitor);
                return "no-error";
            }
            catch (SynchronizationLockException)
            {
                return "sync-lock-exception";
            }
        }

        public bool TryEnterTwice()
        {
            if (!Monitor.TryEnter(monitor))
                return false;
            try
            {
                return Monitor.TryEnter(monitor) && ExitAndTrue();
            }
            finally
            {
                Monitor.Exit(monitor);
            }
        }

        private bool ExitAndTrue()
        {
            Monitor.Exit(monitor);
            return true;
        }

        public bool Held => sync.IsHeldByCurrentThread || Monitor.IsEntered(monitor);
    }

    public static string LockTypeAndMonitor()
    {
        var q = new Queue();
        for (int i = 1; i <= 5; i++)
            q.Push(i * i);
        int popped = q.PopScope();
        int sum = q.SumWithMonitor();
        return Invariant($"{popped},{sum},{q.Misuse()},{q.TryEnterTwice()},{q.Held}");
    }
}
