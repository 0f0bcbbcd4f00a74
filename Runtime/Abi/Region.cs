using System.ComponentModel;
using System.Runtime.ExceptionServices;

namespace Stm.Abi;

/// <summary>The body of a region as a struct: no allocation, and the JIT specializes the loop per body.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRegionBody
{
    /// <summary>Runs the region's code once (an attempt) inside the transaction of <paramref name="tx"/>.</summary>
    void Run(TxDescriptor tx);
}

/// <summary>
/// The region protocol of docs/abi.md §4 as one method: what <see cref="Atomic.Run(Action)"/> uses,
/// and what the weaver emits inline around an [Atomic] method body.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Region
{
    /// <summary>
    /// Runs <paramref name="body"/> as one region: restarted at the entry when its attempt aborts;
    /// an exception leaving the body ends the region like a <c>lock</c> (effects committed, then
    /// rethrown), unless the commit fails, in which case the body runs again. Inside another region
    /// it simply joins it (flat nesting).
    /// </summary>
    /// <param name="body">The region's code, every shared access through <see cref="Barriers"/>.</param>
    /// <param name="site">The static site of this region entry; none: reads are always logged.</param>
    public static void Run<TBody>(ref TBody body, TransactionSite? site = null)
        where TBody : struct, IRegionBody
    {
        var tx = TxDescriptor.Current;
        if (tx.RegionDepth > 0 && tx.InTransaction)
        {
            // Flat nesting: an abort unwinds to the outer region's start point.
            tx.RegionDepth++;
            try
            {
                body.Run(tx);
            }
            finally
            {
                tx.RegionDepth--;
            }
            return;
        }

        int depth = tx.EnterFrame();
        tx.EnterRegion(depth, site);
        while (true)
        {
            Exception? failure = null;
            try
            {
                try
                {
                    body.Run(tx);
                }
                catch (Exception exception) when (exception is not TransactionAbort)
                {
                    failure = exception;
                }
                if (tx.ExitRegionAndFrame(depth))
                {
                    if (failure is not null)
                        ExceptionDispatchInfo.Throw(failure);
                    return;
                }
            }
            catch (TransactionAbort abort) when (abort.TargetDepth == depth)
            {
                // Aborted inside the body; a failed commit at the exit arrives here without an exception.
            }
            tx.RestartAt(depth);
        }
    }
}
