using Stm.Abi;

namespace Stm.Core;

/// <summary>
/// Gives every thread's descriptor a slot, so a lock word (which names an attempt id, and through
/// it a slot) leads to the owning descriptor for contention management. Slots of dead threads are
/// reused; each slot's attempt sequence continues, so attempt ids are never reused.
/// </summary>
internal static class DescriptorRegistry
{
    private static readonly TxDescriptor?[] s_slots = new TxDescriptor?[1 << LockWord.SlotBits];
    private static readonly long[] s_nextSequence = new long[1 << LockWord.SlotBits];
    private static readonly Stack<int> s_free = new();
    private static readonly StatisticsCounters s_retired = new();
    private static readonly Lock s_gate = new();
    private static int s_highWater;

    /// <summary>One past the highest slot ever used.</summary>
    public static int HighWater => Volatile.Read(ref s_highWater);

    public static TxDescriptor? At(int slot) => Volatile.Read(ref s_slots[slot]);

    public static (int Slot, long Sequence) Allocate(TxDescriptor descriptor)
    {
        lock (s_gate)
        {
            int slot = s_free.Count > 0 ? s_free.Pop() : s_highWater;
            if (slot >= s_slots.Length)
                throw new InvalidOperationException($"More than {s_slots.Length} threads use STM at once.");
            Volatile.Write(ref s_slots[slot], descriptor);
            if (slot == s_highWater)
                Volatile.Write(ref s_highWater, slot + 1);
            return (slot, s_nextSequence[slot]);
        }
    }

    public static void Release(TxDescriptor descriptor, long nextSequence)
    {
        // A dead thread runs nothing: it must neither block serial mode for the others nor pass
        // its serial ownership on to the next thread that gets its slot.
        Volatile.Write(ref descriptor.Running, 0);
        ExecutionModes.Forget(descriptor);
        lock (s_gate)
        {
            descriptor.Stats.AddTo(s_retired);
            s_nextSequence[descriptor.Slot] = nextSequence;
            Volatile.Write(ref s_slots[descriptor.Slot], null);
            s_free.Push(descriptor.Slot);
        }
    }

    /// <summary>Counters of all threads, live and dead. Live counters are read without stopping their threads.</summary>
    public static StatisticsCounters Totals()
    {
        lock (s_gate)
        {
            var total = new StatisticsCounters();
            s_retired.AddTo(total);
            for (int i = 0; i < s_highWater; i++)
            {
                if (s_slots[i] is { } descriptor)
                    descriptor.Stats.AddTo(total, ExecutionModes.OpenSerialTicks(descriptor));
            }
            return total;
        }
    }
}
