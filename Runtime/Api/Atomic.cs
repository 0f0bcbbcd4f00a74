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
        Region.Run(ref region);
    }

    /// <inheritdoc cref="Run(Action)"/>
    /// <returns>What the committed run of <paramref name="body"/> returned.</returns>
    public static T Run<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var region = new FuncBody<T>(body);
        Region.Run(ref region);
        return region.Result;
    }

    private readonly struct ActionBody(Action body) : IRegionBody
    {
        public void Run(TxDescriptor tx) => body();
    }

    private struct FuncBody<T>(Func<T> body) : IRegionBody
    {
        public T Result = default!;

        public void Run(TxDescriptor tx) => Result = body();
    }
}
