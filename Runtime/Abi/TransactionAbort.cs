namespace Stm.Abi;

/// <summary>
/// The one exception that unwinds an aborted transaction attempt to its start point. Only the
/// start point whose frame depth equals <see cref="TargetDepth"/> catches it (with a filter);
/// woven catch clauses are hardened so no user handler ever sees it.
/// </summary>
public sealed class TransactionAbort : Exception
{
    internal TransactionAbort(int targetDepth, AbortCause cause)
        : base($"STM transaction aborted ({cause}); restarting at frame depth {targetDepth}.")
    {
        TargetDepth = targetDepth;
        Cause = cause;
    }

    /// <summary>Depth of the frame holding the start point that must restart the attempt.</summary>
    public int TargetDepth { get; }

    /// <summary>Why the attempt was aborted.</summary>
    public AbortCause Cause { get; }
}
