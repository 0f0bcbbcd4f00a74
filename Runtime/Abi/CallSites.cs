using System.ComponentModel;
using System.Runtime.CompilerServices;
using Stm.Core;

namespace Stm.Abi;

// Call sites where a frame cannot restart. A transaction that begins in a frame must be able to
// restart at that point with the frame's state restored from shadow locals. Some points cannot:
// a call made with values already on the evaluation stack, a call from a catch/finally handler,
// any call from a frame that writes through ref parameters, a call into code that is not woven
// (it may call back into woven code that commits). Woven code *pins* its frame before such a
// call; a transaction that then begins in a pinned frame (a callee committed as it returned)
// starts inevitable, so it never needs the restart it cannot do. Pins form a stack by frame
// depth: a pin ends at its frame's next commit point, or when a new frame takes its depth.
public sealed partial class TxDescriptor
{
    private int[] _pins = new int[8];
    private int _pinCount;

    /// <summary>Before a call after which the frame at <paramref name="depth"/> cannot hold a start point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Pin(int depth)
    {
        // The frame at depth runs this call, so its callee is at depth + 1. FrameDepth can be
        // deeper here: in a finally block run while an exception unwinds frames whose handlers
        // did not catch it. A callee numbered after them would start transactions at depths no
        // frame has, whose aborts no frame catches.
        FrameDepth = depth;
        if (_pinCount == 0 || _pins[_pinCount - 1] != depth)
            PinSlow(depth);
    }

    /// <summary>
    /// At the entry of a frame whose effects the undo log cannot see (it uses pointers or
    /// stackalloc): the frame is pinned and the transaction becomes inevitable.
    /// </summary>
    public void MakeIrrevocable(int depth)
    {
        Pin(depth);
        BecomeIrrevocable();
    }

    /// <summary>
    /// Inside a call the weaver could not break the transaction around (a delegate or interface
    /// target that turns out not to be woven): the transaction becomes inevitable and the frame
    /// is pinned; if that made it inevitable, <paramref name="callSite"/> is counted
    /// (<see cref="Transaction.InevitableCallSites"/>).
    /// </summary>
    internal void BecomeIrrevocableAt(int depth, string callSite)
    {
        Pin(depth);
        bool couldAbort = CanAbort;
        BecomeIrrevocable();
        if (couldAbort && IsInevitable)
            Core.InevitableCallSites.Record(callSite);
    }

    /// <summary>
    /// Before a delegate invocation: a target in woven code guards its own accesses; any other
    /// (a framework method, a library that is not woven) is a foreign call, counted at
    /// <paramref name="callSite"/>. The last delegate found woven is remembered: a loop calling
    /// the same one pays the check once.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void BeforeDelegateCall(Delegate? target, TxDescriptor tx, string callSite)
    {
        if (target is null || ReferenceEquals(target, tx._lastWovenDelegate) || !tx.CanAbort)
            return;
        foreach (var single in Delegate.EnumerateInvocationList(target))
        {
            if (!ObjectKinds.IsWoven(single.Method.Module.Assembly))
            {
                tx.BecomeIrrevocableAt(tx.FrameDepth, callSite);
                return;
            }
        }
        tx._lastWovenDelegate = target;
    }

    private Delegate? _lastWovenDelegate;

    /// <summary>Before a blocking call at a point where the frame cannot restart: as <see cref="BeforeBlocking"/>, the frame pinned.</summary>
    public void BeforeBlockingPinned(int depth)
    {
        Pin(depth);
        BeforeBlocking(depth);
    }

    private void PinSlow(int depth)
    {
        UnpinFrom(depth);
        if (_pinCount == _pins.Length)
            Array.Resize(ref _pins, _pinCount * 2);
        _pins[_pinCount++] = depth;
    }

    /// <summary>Drops the pins of frames at <paramref name="depth"/> and deeper (they are gone, or now at a start point).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UnpinFrom(int depth)
    {
        while (_pinCount > 0 && _pins[_pinCount - 1] >= depth)
            _pinCount--;
    }

    /// <summary>Whether a transaction beginning in the frame at <paramref name="depth"/> (deeper frames gone) must be inevitable.</summary>
    private bool IsPinned(int depth)
    {
        UnpinFrom(depth + 1);
        return _pinCount > 0 && _pins[_pinCount - 1] == depth;
    }
}
