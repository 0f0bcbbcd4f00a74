using System.ComponentModel;

namespace Stm.Abi;

/// <summary>
/// A place where transactions start: one static instance per region entry ([Atomic] method, elided
/// lock). It remembers whether recent transactions from here wrote shared memory, so the next one
/// can start read-only: a read-only attempt keeps no read log (every read is checked against the
/// snapshot only, as in TL2), which makes lookups several times cheaper.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TransactionSite
{
    /// <summary>Commits without writes needed before the site is trusted to be read-only again.</summary>
    private const int WriteMemory = 8;

    // Updated by every thread that commits here without synchronization: a heuristic, not state.
    private int _writesRecently;

    internal bool PredictsReadOnly => _writesRecently == 0;

    // Stores only on change: every thread commits through the same site, and a store to its line,
    // even of the same value, takes the line away from the other cores.
    internal void Committed(bool wrote)
    {
        if (wrote)
            Wrote();
        else if (_writesRecently > 0)
            _writesRecently--;
    }

    internal void Wrote()
    {
        if (_writesRecently != WriteMemory)
            _writesRecently = WriteMemory;
    }

    // Lock elision policy of a lock entry site (glibc's adaptive elision, in spirit): after elision
    // failed here, the next entries lock for real without trying; each failure in a row doubles
    // that stretch, each elided region that commits shortens it by one.
    private const int MinRealStretch = 8;
    private const int MaxRealStretch = 4096;
    private int _realEntriesLeft;
    private int _realStretch = MinRealStretch;

    /// <summary>Whether the next entry should try elision (false: lock for real).</summary>
    internal bool ShouldElide()
    {
        if (_realEntriesLeft <= 0)
            return true;
        _realEntriesLeft--;
        return false;
    }

    /// <summary>An elided region from here had to lock for real (irrevocable action, repeated aborts, lock busy).</summary>
    internal void ElisionFailed()
    {
        _realEntriesLeft = _realStretch;
        if (_realStretch < MaxRealStretch)
            _realStretch *= 2;
    }

    /// <summary>An elided region from here committed: the next failure locks for real a little less long.</summary>
    internal void ElisionSucceeded()
    {
        if (_realStretch > MinRealStretch)
            _realStretch--;
    }
}
