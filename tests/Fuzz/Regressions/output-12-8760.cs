// stmweave fuzz finding: output (aborts): line 7: expected "Section1 -1198459299140391523", got "Section1 8618166185521486492"
// seed=12 index=8760 families=all
// Reduced by hand from the reducer's 111 lines: Interlocked.CompareExchange(ref a[i], v, F() switch { … }).
// The switch's branches make the compiler keep ref a[i] in a ref local across the call of F, so
// F was called with an empty stack and its return site became a start point. The element was
// opened for write in the transaction before (committed inside F, just after the lock region);
// the exchange of the one after it was not undone by its abort, and the restart exchanged again.
// A start point no longer goes where a ref local is live (StartPointSites): the frame is pinned.
// fuzz: optimize=true abort-period=5
using System;
using System.Text;
using System.Threading;

static class Program
{
    static readonly object s_gate = new object();
    static readonly int[] s_cells = new int[4];
    static int s_calls;
    static long s_checksum;

    static int Next(int round)
    {
        var text = new StringBuilder("x-");
        return (s_calls + round) % 3;
    }

    static void Main()
    {
        for (int round = 0; round < 20; round++)
        {
            lock (s_gate)
                s_calls++;
            s_checksum += Interlocked.CompareExchange(ref s_cells[round % 4], round, Next(round) switch { 0 => 0, 1 => s_cells[0], _ => round });
            s_checksum += s_cells[0] + s_cells[1] + s_cells[2] + s_cells[3];
        }
        Console.WriteLine($"cells {s_cells[0]} {s_cells[1]} {s_cells[2]} {s_cells[3]}");
        Console.WriteLine($"calls {s_calls} checksum {s_checksum}");
    }
}
