using Stm.Abi;

namespace Stm.HandWoven;

/// <summary>The body of a hand-woven [Atomic] method: the code, with every access through <see cref="Barriers"/>.</summary>
public interface IWovenBody
{
    void Run(TxDescriptor tx);
}

/// <summary>
/// What the weaver emits around an [Atomic] method body: enter the frame and the region, run
/// the body, commit at the exit, and restart at the region entry when the attempt aborts. A
/// struct body keeps the hot path free of allocations, as woven IL is.
/// </summary>
public static class WovenRegion
{
    /// <param name="body">The method body.</param>
    /// <param name="site">The method's region site (the weaver emits one static instance per [Atomic] method); none: reads are always logged.</param>
    public static void Run<TBody>(ref TBody body, TransactionSite? site = null)
        where TBody : struct, IWovenBody
    {
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();
        tx.EnterRegion(depth, site);
        while (true)
        {
            try
            {
                body.Run(tx);
                if (tx.ExitRegionAndFrame(depth))
                    return;
            }
            catch (TransactionAbort abort) when (abort.TargetDepth == depth)
            {
                // Aborted inside the body; a failed commit at the exit arrives here without an exception.
            }
            tx.RestartAt(depth);
        }
    }
}
