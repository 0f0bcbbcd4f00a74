using System.ComponentModel;
using Stm.Core;

namespace Stm.Abi;

// Static constructors run as the original code, and so does the woven code they call. A static
// constructor runs once, under the runtime's class-initialization lock: another thread that touches
// the type blocks in that lock, invisibly to the STM. If code it calls waited for anything the
// STM holds (the inevitable token, serial mode, a lock word, a commit) while the holder waited for
// the type, both would hang. So while a thread runs a static constructor its woven callees run in
// place: barriers are plain accesses (as in serial mode, without owning it), nothing commits,
// aborts, becomes inevitable or waits, and locks are taken for real. Their effects stay even if a
// transaction around the constructor rolls back: the type is initialized once, as in the original.
// The weaver wraps each static constructor of a woven type in Enter/ExitTypeInitializer.
public sealed partial class TxDescriptor
{
    private int _typeInitializerDepth;
    private (bool IsSerial, int StartDepth, bool FreshStart) _aroundTypeInitializer;

    /// <summary>Whether this thread runs a static constructor (its woven callees run as the original code).</summary>
    private bool InTypeInitializer => _typeInitializerDepth > 0;

    /// <summary>At the start of a static constructor of a woven type.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void EnterTypeInitializer()
    {
        var tx = Current;
        if (tx._typeInitializerDepth++ > 0)
            return;
        tx._aroundTypeInitializer = (tx.IsSerial, tx.StartDepth, tx._freshStart);
        // Barriers read IsSerial: plain accesses. No frame inside is a start frame: their exits commit nothing.
        tx.IsSerial = true;
        tx.StartDepth = 0;
        tx._freshStart = false;
    }

    /// <summary>At the end of a static constructor of a woven type (every exit, exceptions included).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ExitTypeInitializer()
    {
        var tx = Current;
        if (--tx._typeInitializerDepth > 0)
            return;
        (tx.IsSerial, tx.StartDepth, tx._freshStart) = tx._aroundTypeInitializer;
    }

    /// <summary>A lock entered inside a static constructor: really (the thread runs the original code).</summary>
    private bool EnterLockInTypeInitializer(object target, LockKind kind, int millisecondsTimeout)
    {
        int index = IndexOfHeld(target, kind);
        if (index < 0)
            return RealLocks.TryEnter(target, kind, millisecondsTimeout);
        // Held by the transaction around the constructor: a reentrant entry.
        ref HeldLock held = ref _held[index];
        held.Count++;
        if (held.InRegion)
            RegionDepth++;
        return true;
    }
}
