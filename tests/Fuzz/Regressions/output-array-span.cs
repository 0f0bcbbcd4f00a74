// stmweave finding: output (aborts): writes through a span over an array were not undone by an abort
// Found running BitFaster.Caching's own tests woven (tests/Suites): its buffers are drained through
// array spans, and an abort restored the head index but not the emptied slots, so the next reader
// waited forever for an item that was gone. Reduced by hand: the increments through the span were
// kept by the aborted attempt and made again by its restart. A call that makes a writable span
// over the heap is now a foreign call: the transaction is inevitable from there and never aborts.
// fuzz: optimize=true abort-period=3
using System;

static class Program
{
    static readonly int[] s_slots = new int[4];
    static int s_total;
    static int s_calls;

    static void Bump()
    {
        s_calls++;
        var span = s_slots.AsSpan();
        span[0] += 1;
        span[1] += 2;
        span[3] += span[2] + 1;
        s_total += 4;
    }

    static void Main()
    {
        for (int round = 0; round < 50; round++)
            Bump();
        Console.WriteLine($"slots {s_slots[0]} {s_slots[1]} {s_slots[2]} {s_slots[3]}");
        Console.WriteLine($"total {s_total} calls {s_calls}");
    }
}
