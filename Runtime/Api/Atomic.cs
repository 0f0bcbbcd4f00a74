using System.Runtime.ExceptionServices;
using Stm.Abi;

namespace Stm;

/// <summary>Runs code as one transaction (a region).</summary>
public static class Atomic
{
    /// <summary>
    /// Runs <paramref name="body"/> as one transaction: other threads see all of its effects or
    /// none, and it sees no other thread's effects half-done. On a conflict the body is rolled
    /// back and run again, so it should not do irrevocable things (or call
    /// <see cref="Transaction.BecomeInevitable"/> first). Nested calls join the outer region.
    /// An exception leaving the body ends the region like a <c>lock</c> would: its effects are
    /// committed and the exception propagates.
    /// </summary>
    public static void Run(Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var region = new ActionBody(body);
        Execute(ref region);
    }

    /// <inheritdoc cref="Run(Action)"/>
    /// <returns>What the committed run of <paramref name="body"/> returned.</returns>
    public static T Run<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var region = new FuncBody<T>(body);
        Execute(ref region);
        return region.Result;
    }

    private interface IRegionBody
    {
        void Invoke();
    }

    private readonly struct ActionBody(Action body) : IRegionBody
    {
        public void Invoke() => body();
    }

    private struct FuncBody<T>(Func<T> body) : IRegionBody
    {
        public T Result = default!;

        public void Invoke() => Result = body();
    }

    private static void Execute<TBody>(ref TBody body)
        where TBody : struct, IRegionBody
    {
        var tx = TxDescriptor.Current;
        if (tx.RegionDepth > 0 && tx.InTransaction)
        {
            // Flat nesting: the inner region is part of the outer one; an abort unwinds to the outer start point.
            tx.RegionDepth++;
            try
            {
                body.Invoke();
            }
            finally
            {
                tx.RegionDepth--;
            }
            return;
        }

        int depth = tx.EnterFrame();
        tx.EnterRegion(depth);
        Exception? failure;
        while (true)
        {
            failure = null;
            try
            {
                try
                {
                    body.Invoke();
                }
                catch (Exception exception) when (exception is not TransactionAbort)
                {
                    failure = exception;
                }
                if (tx.ExitRegionAndFrame(depth))
                    break;
            }
            catch (TransactionAbort abort) when (abort.TargetDepth == depth)
            {
                // Aborted inside the body; a failed commit at the exit arrives here without an exception.
            }
            tx.RestartAt(depth);
        }
        if (failure is not null)
            ExceptionDispatchInfo.Throw(failure);
    }
}
