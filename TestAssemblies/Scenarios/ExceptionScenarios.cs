namespace Scenarios;

/// <summary>
/// Exceptions: try/catch/finally, filters (which run before inner finally blocks), using, try nested in
/// loops with break/continue, rethrow and wrapping, deep call chains, finally blocks that modify fields.
/// </summary>
public static class ExceptionScenarios
{
    private sealed class State
    {
        public int Tries;
        public int Catches;
        public int Finallies;
        public string Log = "";
    }

    public static string TryCatchFinallyBasics()
    {
        var s = new State();
        for (int i = 0; i < 6; i++)
        {
            try
            {
                s.Tries++;
                if (i % 2 == 0)
                    throw new InvalidOperationException("even" + i.ToString(CultureInfo.InvariantCulture));
                s.Log += "k";
            }
            catch (InvalidOperationException e)
            {
                s.Catches++;
                s.Log += e.Message[^1];
            }
            finally
            {
                s.Finallies++;
            }
        }
        try
        {
            s.Log += "[";
            throw new NotSupportedException();
        }
        catch
        {
            s.Log += "any";
        }
        finally
        {
            s.Log += "]";
        }
        return Invariant($"{s.Tries},{s.Catches},{s.Finallies},{s.Log}");
    }

    private static bool Note(State s, string mark)
    {
        s.Log += mark;
        return true;
    }

    private static bool ThrowingFilter(State s)
    {
        s.Log += "T";
        throw new InvalidOperationException("from filter");
    }

    public static string FiltersAndWhen()
    {
        var s = new State();
        for (int i = 0; i < 4; i++)
        {
            try
            {
                try
                {
                    throw new ArgumentException(i % 2 == 0 ? "even" : "odd");
                }
                finally
                {
                    s.Log += "f";
                }
            }
            catch (ArgumentException e) when (Note(s, "w") && e.Message == "even")
            {
                s.Catches++;
                s.Log += "E";
            }
            catch (ArgumentException)
            {
                s.Log += "O";
            }
            s.Log += " ";
        }
        try
        {
            throw new FormatException("fmt");
        }
        catch (FormatException) when (ThrowingFilter(s))
        {
            s.Log += "never";
        }
        catch (FormatException e)
        {
            s.Log += "second:" + e.Message;
        }
        return Invariant($"{s.Catches},{s.Log}");
    }

    private sealed class Res : IDisposable
    {
        private readonly State state;
        private readonly string name;

        public Res(State state, string name)
        {
            this.state = state;
            this.name = name;
            state.Log += "+" + name;
        }

        public void Dispose()
        {
            state.Log += "-" + name;
            state.Finallies++;
        }
    }

    private struct StructRes : IDisposable
    {
        private readonly State state;

        public StructRes(State state) { this.state = state; }

        public readonly void Dispose() => state.Log += "-s";
    }

    public static string UsingStatements()
    {
        var s = new State();
        using (var a = new Res(s, "a"))
        {
            using var b = new Res(s, "b");
            s.Log += ".";
        }
        try
        {
            using (new Res(s, "c"))
            {
                throw new InvalidOperationException("x");
            }
        }
        catch (InvalidOperationException)
        {
            s.Log += "!";
        }
        using (Res? none = null)
        {
            s.Log += "n";
        }
        using (var sr = new StructRes(s))
        {
            s.Log += "s";
        }
        return Invariant($"{s.Finallies},{s.Log}");
    }

    public static string NestedTryInLoops()
    {
        var s = new State();
        for (int i = 0; i < 8; i++)
        {
            try
            {
                try
                {
                    if (i == 1)
                        continue;
                    if (i == 6)
                        break;
                    if (i % 3 == 0)
                        throw new FormatException("f" + i.ToString(CultureInfo.InvariantCulture));
                    s.Tries++;
                }
                catch (FormatException e) when (i > 0)
                {
                    s.Catches++;
                    throw new InvalidOperationException("wrapped " + e.Message);
                }
                finally
                {
                    s.Finallies++;
                    s.Log += i.ToString(CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e)
            {
                s.Log += "(" + e.GetType().Name[0] + e.Message[^1] + ")";
            }
        }
        return Invariant($"{s.Tries},{s.Catches},{s.Finallies},{s.Log}");
    }

    private static void Thrower(int kind)
    {
        switch (kind)
        {
            case 0: throw new InvalidOperationException("ioe");
            case 1: throw new ArgumentOutOfRangeException(nameof(kind), "aoore");
            case 2: throw new KeyNotFoundException("knf");
            default: return;
        }
    }

    private static void Middle(State s, int kind)
    {
        try
        {
            Thrower(kind);
        }
        catch (InvalidOperationException)
        {
            s.Log += "r";
            throw;
        }
        catch (ArgumentException e)
        {
            s.Log += "w";
            throw new ApplicationException("wrapped", e);
        }
    }

    public static string RethrowAndWrap()
    {
        var s = new State();
        for (int kind = 0; kind < 4; kind++)
        {
            try
            {
                Middle(s, kind);
                s.Log += "none";
            }
            catch (ApplicationException e)
            {
                s.Log += "A:" + e.Message + "/" + e.InnerException?.GetType().Name;
            }
            catch (Exception e)
            {
                s.Log += e.GetType().Name + ":" + e.Message;
            }
            s.Log += ";";
        }
        return s.Log;
    }

    private static int Dive(State s, int depth)
    {
        try
        {
            s.Tries++;
            if (depth == 0)
                throw new InvalidOperationException("bottom");
            return Dive(s, depth - 1) + 1;
        }
        finally
        {
            s.Finallies++;
            s.Log += depth.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static int DiveCatchAt(State s, int depth, int catchAt)
    {
        if (depth == 0)
            throw new ArgumentException("deep");
        try
        {
            return DiveCatchAt(s, depth - 1, catchAt) * 2;
        }
        catch (ArgumentException) when (depth == catchAt)
        {
            s.Catches++;
            return depth * 100;
        }
    }

    public static string DeepCallChains()
    {
        var s = new State();
        string top;
        try
        {
            top = Dive(s, 6).ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException e)
        {
            top = e.Message;
        }
        int caughtMid = DiveCatchAt(s, 7, 3);
        return Invariant($"{top},{s.Tries},{s.Finallies},{s.Log},{caughtMid},{s.Catches}");
    }

    private sealed class Cell
    {
        public int V;
        public string Trail = "";
    }

    private static int ReturnThenFinally(Cell c)
    {
        try
        {
            c.V = 1;
            return c.V;
        }
        finally
        {
            c.V = 2;
            c.Trail += "a";
        }
    }

    private static string FinallyReplacesException(Cell c)
    {
        try
        {
            try
            {
                throw new InvalidOperationException("first");
            }
            finally
            {
                c.V += 10;
                c.Trail += "b";
                throw new ArgumentException("second");
            }
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    public static string FinallyModifiesFields()
    {
        var c = new Cell();
        int returned = ReturnThenFinally(c);
        int afterReturn = c.V;
        string replaced = FinallyReplacesException(c);
        int loops = 0;
        for (int i = 0; i < 5; i++)
        {
            try
            {
                if (i == 3)
                    break;
                c.V *= 2;
            }
            finally
            {
                loops++;
                c.Trail += i.ToString(CultureInfo.InvariantCulture);
            }
        }
        return Invariant($"{returned},{afterReturn},{replaced},{c.V},{loops},{c.Trail}");
    }

    private sealed class Stepper(int steps)
    {
        public int Left = steps;
        public int Closed;

        public bool Step() => Left-- > 0;

        public void Close() => Closed++;
    }

    /// <summary>A loop whose head is the first instruction of a try/catch/finally (two blocks sharing one start): its back-edge stays inside the inner block.</summary>
    public static string LoopHeadAtSharedTryStart()
    {
        var stepper = new Stepper(5);
        int n = 0;
        try
        {
            while (true)
            {
                if (!stepper.Step())
                    break;
                n++;
            }
        }
        catch (InvalidOperationException)
        {
            n = -1;
        }
        finally
        {
            stepper.Close();
        }
        int retried = 0;
        while (retried < 3)
        {
            try
            {
                retried++;
                if (retried < 3)
                    throw new InvalidOperationException("again");
            }
            catch (InvalidOperationException)
            {
                continue;
            }
            finally
            {
                stepper.Close();
            }
        }
        return Invariant($"{n},{retried},{stepper.Closed},{stepper.Left}");
    }
}
