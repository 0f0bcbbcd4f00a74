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
}
