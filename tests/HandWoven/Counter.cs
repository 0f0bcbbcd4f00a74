using Stm.Abi;

namespace Stm.HandWoven;

/// <summary>A woven class with one counter field.</summary>
public sealed class Counter
{
    public long Header = Barriers.NewHeader();
    public long Value;

    /// <summary>A woven read of <see cref="Value"/> inside the calling thread's transaction.</summary>
    public long Read() => Barriers.ReadField(TxDescriptor.Current, this, ref Header, ref Value);

    /// <summary>A woven write of <see cref="Value"/> inside the calling thread's transaction.</summary>
    public void Write(long value) => Barriers.WriteField(TxDescriptor.Current, this, ref Header, ref Value, value);
}

/// <summary>Code as the weaver emits it in full mode: no region, commit points at entry and back-edges.</summary>
public static class FullMode
{
    /// <summary>
    /// The woven form of <c>for (int i = 0; i &lt; times; i++) counter.Value++;</c> with no lock:
    /// commit points at the method entry and the loop back-edge, the loop variable saved in a
    /// shadow local whenever a new transaction starts here, and restored on restart.
    /// </summary>
    public static void Increment(Counter counter, int times)
    {
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();
        int i = 0;
        int shadowI = i;
        if (tx.CommitPoint(depth))
            shadowI = i;
        while (true)
        {
            try
            {
                while (i < times)
                {
                    long value = Barriers.ReadField(tx, counter, ref counter.Header, ref counter.Value);
                    Barriers.WriteField(tx, counter, ref counter.Header, ref counter.Value, value + 1);
                    i++;
                    if (tx.CommitPoint(depth))
                        shadowI = i;
                }
                tx.ExitFrame(depth);
                return;
            }
            catch (TransactionAbort abort) when (abort.TargetDepth == depth)
            {
                tx.RestartAt(depth);
                i = shadowI;
            }
        }
    }

    /// <summary>A woven read of the counter (a one-line woven method: its own frame, no loop).</summary>
    public static long Read(Counter counter)
    {
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();
        while (true)
        {
            try
            {
                long value = Barriers.ReadField(tx, counter, ref counter.Header, ref counter.Value);
                tx.ExitFrame(depth);
                return value;
            }
            catch (TransactionAbort abort) when (abort.TargetDepth == depth)
            {
                tx.RestartAt(depth);
            }
        }
    }
}
