namespace Locks;

/// <summary>
/// Single-threaded legacy code (one scenario starts a helper thread) that synchronizes with
/// <c>lock</c>, <see cref="Monitor"/> and <see cref="Lock"/>: each entry point returns the state
/// it ends in, so the original and the woven copy can be compared exactly.
/// </summary>
public static class LockScenarios
{
    private sealed class Box
    {
        public int A;
        public int B;
        public int C;
        public long Total;
    }

    /// <summary>Locks <c>this</c> in its methods, as much old code does.</summary>
    private sealed class Tally
    {
        public int Count;
        public int Sum;

        public bool Add(int value)
        {
            lock (this)
            {
                Count++;
                Sum += value;
                return Monitor.IsEntered(this);
            }
        }
    }

    private sealed class Registry
    {
        public static int Registered;
        public static int LastId;
    }

    private static string Describe(Exception e) => e.GetType().Name + ": " + e.Message;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fail(Box box, string message)
    {
        box.C = -1;
        throw new InvalidOperationException(message);
    }

    public static string LockStatementUpdatesFields()
    {
        var gate = new object();
        var box = new Box();
        bool inside;
        lock (gate)
        {
            box.A = 3;
            box.B = box.A + 1;
            box.Total += box.A * box.B;
            inside = Monitor.IsEntered(gate);
        }
        lock (gate)
            box.A += 10;
        return Invariant($"a={box.A},b={box.B},total={box.Total},inside={inside},entered={Monitor.IsEntered(gate)}");
    }

    public static string MonitorEnterExitTryFinally()
    {
        var gate = new object();
        var box = new Box();
        bool inside;
        Monitor.Enter(gate);
        try
        {
            box.A = 5;
            box.B = box.A * 2;
            inside = Monitor.IsEntered(gate);
        }
        finally
        {
            Monitor.Exit(gate);
        }
        return Invariant($"a={box.A},b={box.B},inside={inside},entered={Monitor.IsEntered(gate)}");
    }

    public static string MonitorEnterWithLockTaken()
    {
        var gate = new object();
        var box = new Box();
        bool taken = false;
        bool takenInside;
        try
        {
            Monitor.Enter(gate, ref taken);
            takenInside = taken;
            box.A = 7;
            box.B = 8;
        }
        finally
        {
            if (taken)
                Monitor.Exit(gate);
        }
        return Invariant($"a={box.A},b={box.B},taken={takenInside},entered={Monitor.IsEntered(gate)}");
    }

    public static string ReentrantMonitorThreeDeep()
    {
        var gate = new object();
        var box = new Box();
        bool level1, level2, level3, afterInner, afterMiddle;
        lock (gate)
        {
            box.A++;
            level1 = Monitor.IsEntered(gate);
            lock (gate)
            {
                box.A++;
                level2 = Monitor.IsEntered(gate);
                lock (gate)
                {
                    box.A++;
                    level3 = Monitor.IsEntered(gate);
                }
                afterInner = Monitor.IsEntered(gate);
            }
            afterMiddle = Monitor.IsEntered(gate);
        }
        return Invariant($"a={box.A},levels={level1}/{level2}/{level3},afterInner={afterInner},afterMiddle={afterMiddle},entered={Monitor.IsEntered(gate)}");
    }

    public static string NestedDifferentLocks()
    {
        var outer = new object();
        var inner = new object();
        var box = new Box();
        bool innerHeldInOuter, bothHeld, outerHeldAfterInner;
        lock (outer)
        {
            box.A = 1;
            innerHeldInOuter = Monitor.IsEntered(inner);
            lock (inner)
            {
                box.B = box.A + 1;
                bothHeld = Monitor.IsEntered(outer) && Monitor.IsEntered(inner);
            }
            outerHeldAfterInner = Monitor.IsEntered(outer) && !Monitor.IsEntered(inner);
            box.C = box.B * 10;
        }
        return Invariant($"a={box.A},b={box.B},c={box.C},innerHeldInOuter={innerHeldInOuter},bothHeld={bothHeld},outerOnly={outerHeldAfterInner},entered={Monitor.IsEntered(outer)}/{Monitor.IsEntered(inner)}");
    }

    public static string MonitorTryEnterOverloads()
    {
        var gate = new object();
        var box = new Box();
        var results = new List<string>();

        if (Monitor.TryEnter(gate))
        {
            try
            {
                box.A++;
                results.Add("plain");
            }
            finally
            {
                Monitor.Exit(gate);
            }
        }

        if (Monitor.TryEnter(gate, 10))
        {
            try
            {
                box.A++;
                results.Add("ms");
            }
            finally
            {
                Monitor.Exit(gate);
            }
        }

        if (Monitor.TryEnter(gate, TimeSpan.FromMilliseconds(10)))
        {
            try
            {
                box.A++;
                results.Add("timespan");
            }
            finally
            {
                Monitor.Exit(gate);
            }
        }

        bool taken = false;
        try
        {
            Monitor.TryEnter(gate, ref taken);
            if (taken)
            {
                box.A++;
                results.Add("ref");
            }
        }
        finally
        {
            if (taken)
                Monitor.Exit(gate);
        }

        bool takenZero = false;
        try
        {
            Monitor.TryEnter(gate, 0, ref takenZero);
            if (takenZero)
            {
                box.A++;
                results.Add("zero-ref");
            }
        }
        finally
        {
            if (takenZero)
                Monitor.Exit(gate);
        }

        // Reentrant TryEnter while the lock is already held by this thread succeeds.
        bool nested = false;
        lock (gate)
        {
            if (Monitor.TryEnter(gate, 0))
            {
                nested = true;
                Monitor.Exit(gate);
            }
        }
        return Invariant($"a={box.A},taken={string.Join("+", results)},nested={nested},entered={Monitor.IsEntered(gate)}");
    }

    public static string TryEnterWhileAnotherThreadHolds()
    {
        var gate = new object();
        using var held = new ManualResetEventSlim(false);
        using var observed = new ManualResetEventSlim(false);
        var holder = new Thread(() =>
        {
            lock (gate)
            {
                held.Set();
                observed.Wait();
            }
        });
        holder.Start();
        held.Wait();
        bool acquired = Monitor.TryEnter(gate, 50);
        if (acquired)
            Monitor.Exit(gate);
        bool acquiredAtOnce = Monitor.TryEnter(gate);
        if (acquiredAtOnce)
            Monitor.Exit(gate);
        observed.Set();
        holder.Join();
        bool afterRelease = Monitor.TryEnter(gate);
        if (afterRelease)
            Monitor.Exit(gate);
        return Invariant($"tryEnter50={acquired},tryEnter={acquiredAtOnce},afterRelease={afterRelease},entered={Monitor.IsEntered(gate)}");
    }

    public static string ExceptionInsideLockStatement()
    {
        var gate = new object();
        var box = new Box();
        string message = "none";
        bool enteredInCatch = true;
        try
        {
            lock (gate)
            {
                box.A = 11;
                box.B = 12;
                Fail(box, "failed inside the lock");
                box.A = 99;
            }
        }
        catch (InvalidOperationException e)
        {
            message = e.Message;
            enteredInCatch = Monitor.IsEntered(gate);
        }
        return Invariant($"a={box.A},b={box.B},c={box.C},message={message},enteredInCatch={enteredInCatch},entered={Monitor.IsEntered(gate)}");
    }

    public static string MisuseExitWithoutEnter()
    {
        var gate = new object();
        try
        {
            Monitor.Exit(gate);
            return "no exception";
        }
        catch (SynchronizationLockException e)
        {
            return Describe(e) + Invariant($",entered={Monitor.IsEntered(gate)}");
        }
    }

    public static string MisuseWaitWithoutLock()
    {
        var gate = new object();
        string wait, waitTimeout;
        try
        {
            wait = Invariant($"returned {Monitor.Wait(gate)}");
        }
        catch (SynchronizationLockException e)
        {
            wait = Describe(e);
        }
        try
        {
            waitTimeout = Invariant($"returned {Monitor.Wait(gate, 10)}");
        }
        catch (SynchronizationLockException e)
        {
            waitTimeout = Describe(e);
        }
        return wait + " | " + waitTimeout;
    }

    public static string MisusePulseWithoutLock()
    {
        var gate = new object();
        string pulse, pulseAll;
        try
        {
            Monitor.Pulse(gate);
            pulse = "no exception";
        }
        catch (SynchronizationLockException e)
        {
            pulse = Describe(e);
        }
        try
        {
            Monitor.PulseAll(gate);
            pulseAll = "no exception";
        }
        catch (SynchronizationLockException e)
        {
            pulseAll = Describe(e);
        }
        return pulse + " | " + pulseAll;
    }

    public static string MisuseEnterNull()
    {
        object? gate = null;
        try
        {
            Monitor.Enter(gate!);
            Monitor.Exit(gate!);
            return "no exception";
        }
        catch (ArgumentNullException e)
        {
            return Describe(e);
        }
    }

    public static string MisuseEnterWithTakenAlreadyTrue()
    {
        var gate = new object();
        bool taken = true;
        string result;
        try
        {
            Monitor.Enter(gate, ref taken);
            result = "no exception";
        }
        catch (ArgumentException e)
        {
            result = Describe(e);
        }
        // The lock was not taken: nothing to exit.
        return result + Invariant($",taken={taken},entered={Monitor.IsEntered(gate)}");
    }

    public static string WaitWithTimeoutWhileHolding()
    {
        var gate = new object();
        var box = new Box();
        bool signalled;
        bool heldAfterWait;
        lock (gate)
        {
            box.A = 1;
            signalled = Monitor.Wait(gate, 10);
            heldAfterWait = Monitor.IsEntered(gate);
            box.A++;
        }
        return Invariant($"a={box.A},signalled={signalled},heldAfterWait={heldAfterWait},entered={Monitor.IsEntered(gate)}");
    }

    public static string PulseWithNoWaiters()
    {
        var gate = new object();
        var box = new Box();
        lock (gate)
        {
            box.A = 2;
            Monitor.Pulse(gate);
            box.B = 3;
            Monitor.PulseAll(gate);
            box.C = box.A + box.B;
        }
        return Invariant($"a={box.A},b={box.B},c={box.C},entered={Monitor.IsEntered(gate)}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Acquire(object gate, Box box)
    {
        Monitor.Enter(gate);
        box.A++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Release(object gate, Box box)
    {
        box.B = box.A * 100;
        Monitor.Exit(gate);
    }

    public static string EnterInOneMethodExitInAnother()
    {
        var gate = new object();
        var box = new Box();
        Acquire(gate, box);
        bool between = Monitor.IsEntered(gate);
        box.A += 4;
        Release(gate, box);
        return Invariant($"a={box.A},b={box.B},between={between},entered={Monitor.IsEntered(gate)}");
    }

    public static string LockOnThis()
    {
        var tally = new Tally();
        bool allInside = true;
        for (int i = 1; i <= 4; i++)
            allInside &= tally.Add(i * i);
        bool heldFromOutside;
        lock (tally)
        {
            tally.Count += 100;
            heldFromOutside = Monitor.IsEntered(tally);
        }
        return Invariant($"count={tally.Count},sum={tally.Sum},inside={allInside},outside={heldFromOutside},entered={Monitor.IsEntered(tally)}");
    }

    public static string LockOnTypeObject()
    {
        Registry.Registered = 0;
        Registry.LastId = 0;
        bool sameObject;
        lock (typeof(Registry))
        {
            Registry.Registered++;
            Registry.LastId = 42;
            // typeof and GetType give the same runtime object, so this is the lock just taken.
            sameObject = Monitor.IsEntered(new Registry().GetType());
        }
        return Invariant($"registered={Registry.Registered},lastId={Registry.LastId},sameObject={sameObject},entered={Monitor.IsEntered(typeof(Registry))}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string SameLiteral() => "Locks.literal.gate";

    public static string LockOnStringLiteral()
    {
        var box = new Box();
        bool internedHeld;
        lock ("Locks.literal.gate")
        {
            box.A = 21;
            // String literals are interned: another method's equal literal is the same object.
            internedHeld = Monitor.IsEntered(SameLiteral());
            box.B = box.A * 2;
        }
        return Invariant($"a={box.A},b={box.B},internedHeld={internedHeld},entered={Monitor.IsEntered(SameLiteral())}");
    }

    public static string LockOnArray()
    {
        var values = new int[5];
        bool inside;
        lock (values)
        {
            for (int i = 0; i < values.Length; i++)
                values[i] = i * 3;
            inside = Monitor.IsEntered(values);
        }
        lock (values)
            values[2] += 100;
        return Invariant($"values={string.Join(",", values)},inside={inside},entered={Monitor.IsEntered(values)}");
    }

    public static string ThreadingLockStatement()
    {
        var gate = new Lock();
        var box = new Box();
        bool inside;
        lock (gate)
        {
            box.A = 4;
            box.B = box.A * box.A;
            inside = gate.IsHeldByCurrentThread;
        }
        return Invariant($"a={box.A},b={box.B},inside={inside},held={gate.IsHeldByCurrentThread}");
    }

    public static string ThreadingLockEnterScopeExplicit()
    {
        var gate = new Lock();
        var box = new Box();
        bool inside;
        using (gate.EnterScope())
        {
            box.A = 6;
            inside = gate.IsHeldByCurrentThread;
        }
        Lock.Scope scope = gate.EnterScope();
        try
        {
            box.B = box.A + 1;
        }
        finally
        {
            scope.Dispose();
        }
        return Invariant($"a={box.A},b={box.B},inside={inside},held={gate.IsHeldByCurrentThread}");
    }

    public static string ThreadingLockEnterExit()
    {
        var gate = new Lock();
        var box = new Box();
        bool inside;
        gate.Enter();
        try
        {
            box.A = 9;
            box.B = 10;
            inside = gate.IsHeldByCurrentThread;
        }
        finally
        {
            gate.Exit();
        }
        return Invariant($"a={box.A},b={box.B},inside={inside},held={gate.IsHeldByCurrentThread}");
    }

    public static string ThreadingLockTryEnterOverloads()
    {
        var gate = new Lock();
        var box = new Box();
        var results = new List<string>();
        if (gate.TryEnter())
        {
            try
            {
                box.A++;
                results.Add("plain");
            }
            finally
            {
                gate.Exit();
            }
        }
        if (gate.TryEnter(10))
        {
            try
            {
                box.A++;
                results.Add("ms");
            }
            finally
            {
                gate.Exit();
            }
        }
        if (gate.TryEnter(TimeSpan.FromMilliseconds(10)))
        {
            try
            {
                box.A++;
                results.Add("timespan");
            }
            finally
            {
                gate.Exit();
            }
        }
        return Invariant($"a={box.A},taken={string.Join("+", results)},held={gate.IsHeldByCurrentThread}");
    }

    public static string ThreadingLockIsHeldByCurrentThread()
    {
        var gate = new Lock();
        bool before = gate.IsHeldByCurrentThread;
        bool inside;
        lock (gate)
            inside = gate.IsHeldByCurrentThread;
        bool after = gate.IsHeldByCurrentThread;
        return Invariant($"before={before},inside={inside},after={after}");
    }

    public static string ThreadingLockNestedReentrant()
    {
        var gate = new Lock();
        var box = new Box();
        bool level2, level3, afterInner;
        lock (gate)
        {
            box.A++;
            lock (gate)
            {
                box.A++;
                level2 = gate.IsHeldByCurrentThread;
                gate.Enter();
                try
                {
                    box.A++;
                    level3 = gate.IsHeldByCurrentThread;
                }
                finally
                {
                    gate.Exit();
                }
                afterInner = gate.IsHeldByCurrentThread;
            }
        }
        return Invariant($"a={box.A},level2={level2},level3={level3},afterInner={afterInner},held={gate.IsHeldByCurrentThread}");
    }

    public static string ThreadingLockExitWithoutEnter()
    {
        var gate = new Lock();
        try
        {
            gate.Exit();
            return "no exception";
        }
        catch (SynchronizationLockException e)
        {
            return Describe(e) + Invariant($",held={gate.IsHeldByCurrentThread}");
        }
    }

    public static string ThreadingLockExceptionInside()
    {
        var gate = new Lock();
        var box = new Box();
        string message = "none";
        bool heldInCatch = true;
        try
        {
            lock (gate)
            {
                box.A = 13;
                box.B = 14;
                Fail(box, "failed inside the Lock");
                box.A = 99;
            }
        }
        catch (InvalidOperationException e)
        {
            message = e.Message;
            heldInCatch = gate.IsHeldByCurrentThread;
        }
        return Invariant($"a={box.A},b={box.B},c={box.C},message={message},heldInCatch={heldInCatch},held={gate.IsHeldByCurrentThread}");
    }

    public static string ThreadingLockHeldByAnotherThread()
    {
        var gate = new Lock();
        using var held = new ManualResetEventSlim(false);
        using var observed = new ManualResetEventSlim(false);
        var holder = new Thread(() =>
        {
            lock (gate)
            {
                held.Set();
                observed.Wait();
            }
        });
        holder.Start();
        held.Wait();
        bool acquired = gate.TryEnter(50);
        if (acquired)
            gate.Exit();
        observed.Set();
        holder.Join();
        bool afterRelease = gate.TryEnter();
        if (afterRelease)
            gate.Exit();
        return Invariant($"tryEnter50={acquired},afterRelease={afterRelease},held={gate.IsHeldByCurrentThread}");
    }

    public static string LockInsideLoop()
    {
        var gate = new object();
        var box = new Box();
        var seen = new int[8];
        for (int i = 0; i < 8; i++)
        {
            lock (gate)
            {
                box.Total += i * i;
                box.A++;
                seen[i] = box.A;
            }
        }
        return Invariant($"total={box.Total},count={box.A},seen={string.Join(",", seen)},entered={Monitor.IsEntered(gate)}");
    }

    private sealed class Ledger
    {
        private readonly object _gate = new();
        private readonly object _auditGate = new();
        public long Balance;
        public int Audits;
        public bool OuterHeldDuringAudit;

        public void Deposit(long amount)
        {
            lock (_gate)
            {
                Balance += amount;
                Audit();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Audit()
        {
            lock (_auditGate)
            {
                Audits++;
                OuterHeldDuringAudit = Monitor.IsEntered(_gate);
                // Re-enters the outer lock the caller already holds.
                lock (_gate)
                    Balance += 1;
            }
        }

        public bool AnyHeld => Monitor.IsEntered(_gate) || Monitor.IsEntered(_auditGate);
    }

    public static string LockAroundCallThatLocks()
    {
        var ledger = new Ledger();
        ledger.Deposit(10);
        ledger.Deposit(20);
        return Invariant($"balance={ledger.Balance},audits={ledger.Audits},outerHeldDuringAudit={ledger.OuterHeldDuringAudit},anyHeld={ledger.AnyHeld}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int TakeNext(object gate, Box box)
    {
        lock (gate)
        {
            int value = box.A * 10 + box.B;
            box.A++;
            if (value > 20)
                return -value;
            box.B++;
            return value;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int TakeNextWithLock(Lock gate, Box box)
    {
        lock (gate)
        {
            box.C += 5;
            return box.C * 2;
        }
    }

    public static string ReturnFromInsideLock()
    {
        var gate = new object();
        var box = new Box { A = 1, B = 2 };
        int first = TakeNext(gate, box);
        int second = TakeNext(gate, box);
        int third = TakeNext(gate, box);
        var threadingLock = new Lock();
        int fromLock = TakeNextWithLock(threadingLock, box);
        return Invariant($"values={first}/{second}/{third},a={box.A},b={box.B},fromLock={fromLock},c={box.C},entered={Monitor.IsEntered(gate)},held={threadingLock.IsHeldByCurrentThread}");
    }
}
