using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Stm.Abi;

// Exceptions leaving a woven frame. Every woven frame wraps its body in one handler:
//   .try { body } filter { Catches(ex, tx, depth) } handler { if (Restarts(ex, tx, depth)) { restore; goto dispatch } rethrow, or Rethrow(ex) after it }
// It catches the abort aimed at this frame (restart), and a user exception that is about to leave
// the frame where the running transaction started: a transaction never outlives the frame of its
// start point, so it commits here (then the exception goes on) or, if that commit fails,
// the frame restarts. [Atomic] frames also catch every user exception leaving their region.
public sealed partial class TxDescriptor
{
    /// <summary>Filter of a woven frame's handler.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool Catches(object exception, TxDescriptor tx, int depth) =>
        exception is TransactionAbort abort
            ? abort.TargetDepth == depth
            : tx.Status != TxStatus.Idle ? tx.StartDepth >= depth : tx.IsBlockedAtOrBelow(depth);

    /// <summary>Handler of a woven frame: true to restore the shadow locals and resume at the start point, false to rethrow.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool Restarts(object exception, TxDescriptor tx, int depth)
    {
        tx.ResumeBlockedByException(depth);
        if (exception is not TransactionAbort && tx.Status == TxStatus.Active && tx.RegionDepth > 0 && tx._heldCount > 0)
            tx.CloseLockRegionsOf(depth);
        if (exception is TransactionAbort || tx.Status == TxStatus.Doomed || !tx.TryCommit())
        {
            tx.RestartAt(depth);
            return true;
        }
        tx.ContinueAfterExceptionLeft(depth);
        return false;
    }

    /// <summary>
    /// Whether a woven frame's handler may rethrow the exception that leaves the frame. A rethrow
    /// runs on top of the stack the exception came from, and every woven frame it leaves catches
    /// it once: in a deep frame, or when the stack runs short, the frame leaves its handler and
    /// throws it again (<see cref="Rethrow"/>), which frees that stack.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool HasStackToRethrow(int depth) => depth <= MaxRethrowDepth && RuntimeHelpers.TryEnsureSufficientExecutionStack();

    /// <summary>
    /// Frames deeper than this throw the exception again after their handler: in a deep recursion
    /// the finally blocks of the frames it leaves then run near their own frames, as originally,
    /// not on top of the stack at its deepest (YamlDotNet's iterators, 1,000 levels). Shallower
    /// frames rethrow, which keeps the stack trace as the original's.
    /// </summary>
    private const int MaxRethrowDepth = 64;

    /// <summary>
    /// Throws again, after its frame's handler, the exception that leaves that frame: its stack
    /// trace goes on from where it was first thrown (this helper does not show in it).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [StackTraceHidden]
    [DoesNotReturn]
    public static void Rethrow(object exception)
    {
        if (exception is Exception error)
            ExceptionDispatchInfo.Throw(error);
        throw new RuntimeWrappedException(exception);
    }

    /// <summary>Filter of an [Atomic] frame's handler: its abort, and every user exception (it leaves the region).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool CatchesInRegion(object exception, TxDescriptor tx, int depth) =>
        exception is not TransactionAbort abort || abort.TargetDepth == depth;

    /// <summary>
    /// Handler of an [Atomic] frame. A user exception ends the region like a <c>lock</c> block
    /// ends: the outermost region commits (or restarts if that fails) and the exception goes on.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool RestartsInRegion(object exception, TxDescriptor tx, int depth)
    {
        // An inner region, or one that joined the running transaction (inside an object-level call): the transaction goes on.
        if (exception is not TransactionAbort && (tx.RegionDepth > 1 || tx.StartDepth != depth))
        {
            tx.RegionDepth--;
            tx.FrameDepth = depth - 1;
            return false;
        }
        if (exception is not TransactionAbort && tx.Status != TxStatus.Doomed)
        {
            tx.RegionDepth = 0;
            if (tx.TryCommit())
            {
                tx.ContinueAfterExceptionLeft(depth);
                return false;
            }
        }
        tx.RestartAt(depth);
        return true;
    }

    /// <summary>Catch hardening: the filter a woven <c>catch (T)</c> becomes, so it never catches the abort.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool IsUserException<T>(object exception) => exception is T && exception is not TransactionAbort;

    /// <summary>Catch hardening: true for the abort, which a user filter must not see.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool IsAbort(object exception) => exception is TransactionAbort;

    /// <summary>
    /// The transaction that started in the frame at <paramref name="depth"/> committed while an
    /// exception leaves that frame. The caller cannot resume where the exception is, so the next
    /// transaction (if any) begins pinned there: inevitable.
    /// </summary>
    private void ContinueAfterExceptionLeft(int depth)
    {
        FrameDepth = depth - 1;
        EndObjectCallsFrom(depth);
        if (depth != _baseDepth)
            Pin(depth - 1);
        ContinueAfterStartFrame(depth);
        _freshStart = false;
    }
}
