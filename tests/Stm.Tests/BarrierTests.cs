using System.Runtime.CompilerServices;
using Stm.Abi;
using Stm.Core;
using Stm.HandWoven;

namespace Stm.Tests;

/// <summary>
/// The barriers of docs/abi.md §2 on every kind of location (woven field, array element, location
/// in a headerless object, static field) and every kind of value the undo log keeps differently
/// (raw bits up to 8 bytes, references, boxed structs), in STM mode and in serial mode.
/// </summary>
public sealed unsafe class BarrierTests
{
    public enum Mode
    {
        /// <summary>Real STM transactions on one thread (serial mode off).</summary>
        Stm,

        /// <summary>The single-thread default: barriers are plain accesses, nothing is logged.</summary>
        Serial,
    }

    /// <summary>Where the value under test lives; each kind goes through a different barrier pair.</summary>
    public enum Where
    {
        WovenField,
        ArrayElement,
        PlainObjectField,
        MultiDimElement,
        StaticField,
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // ================================================================ 1-4, 7: every value type at every kind of location

    /// <summary>
    /// One entry per kind of value. Original, Intermediate and Updated are what the tests write in
    /// turn; Neighbor sits next to the location and must never change (a restore of the wrong size
    /// would clobber it).
    /// </summary>
    private static readonly ValueCase[] s_values =
    [
        new ValueCase<byte>("byte", original: 7, intermediate: 200, updated: 255, neighbor: 0x5A),
        new ValueCase<bool>("bool", original: false, intermediate: true, updated: true, neighbor: true),
        new ValueCase<int>("int", original: -1, intermediate: int.MaxValue, updated: 42, neighbor: 0x5A5A5A5A),
        new ValueCase<long>("long", original: long.MinValue, intermediate: 1, updated: -2, neighbor: 0x0123_4567_89AB_CDEF),
        new ValueCase<double>("double", original: 1.5, intermediate: -2.25e300, updated: Math.PI, neighbor: 0.1),
        new ValueCase<decimal>("decimal", original: 1.1m, intermediate: decimal.MaxValue, updated: -79.99m, neighbor: 3m),
        new ValueCase<string?>("string", original: null, intermediate: "intermediate", updated: "updated", neighbor: "neighbor"),
        new ValueCase<object>("object", original: new object(), intermediate: new object(), updated: new object(), neighbor: new object()),
        new ValueCase<SmallStruct>("small struct", original: new(1, 2, 3), intermediate: new(-1, -2, 255), updated: new(7, 8, 9), neighbor: new(5, 5, 5)),
        new ValueCase<LargeStruct>("large struct", original: new(1, 2, 3), intermediate: new(-1, -2, -3), updated: new(7, 8, 9), neighbor: new(5, 5, 5)),
        new ValueCase<StructWithReference>("struct with reference", original: new("a", 1), intermediate: new(null, 2), updated: new("c", 3), neighbor: new("n", 5)),
        new ValueCase<int?>("nullable int", original: null, intermediate: 0, updated: 17, neighbor: -5),
    ];

    public static TheoryData<string, Where> EveryValueAtEveryLocation
    {
        get
        {
            var data = new TheoryData<string, Where>();
            foreach (var value in s_values)
            {
                foreach (var where in Enum.GetValues<Where>())
                    data.Add(value.Name, where);
            }
            return data;
        }
    }

    public static TheoryData<string, Where, Mode> EveryValueAtEveryLocationInBothModes
    {
        get
        {
            var data = new TheoryData<string, Where, Mode>();
            foreach (var (name, where) in EveryValueAtEveryLocation.Select(row => ((string)row[0], (Where)row[1])))
            {
                data.Add(name, where, Mode.Stm);
                data.Add(name, where, Mode.Serial);
            }
            return data;
        }
    }

    [Fact]
    public void Value_cases_cover_every_undo_log_encoding()
    {
        // The undo log keeps unmanaged values up to 8 bytes as raw bits, references as they are and
        // other structs boxed: the cases must keep hitting all three (and both sizes of raw bits).
        Assert.True(Unsafe.SizeOf<SmallStruct>() is > 4 and <= 8);
        Assert.True(Unsafe.SizeOf<LargeStruct>() > 8);
        Assert.True(Unsafe.SizeOf<decimal>() > 8);
        Assert.True(Unsafe.SizeOf<int?>() <= 8);
        Assert.True(RuntimeHelpers.IsReferenceOrContainsReferences<StructWithReference>());
        Assert.Equal(s_values.Length, s_values.Select(value => value.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EveryValueAtEveryLocationInBothModes))]
    public void Write_is_read_back_by_the_same_transaction(string value, Where where, Mode mode) =>
        Case(value).WriteIsReadBackBySameTransaction(where, mode);

    [Theory]
    [MemberData(nameof(EveryValueAtEveryLocationInBothModes))]
    public void Committed_write_is_seen_by_the_next_transaction(string value, Where where, Mode mode) =>
        Case(value).CommittedWriteIsSeenByNextTransaction(where, mode);

    [Theory]
    [MemberData(nameof(EveryValueAtEveryLocation))]
    public void Injected_abort_restores_the_old_value(string value, Where where) =>
        Case(value).AbortRestoresOldValue(where);

    [Theory]
    [MemberData(nameof(EveryValueAtEveryLocation))]
    public void Abort_after_two_writes_restores_the_original_not_the_intermediate(string value, Where where) =>
        Case(value).AbortAfterTwoWritesRestoresOriginal(where);

    private static ValueCase Case(string name) => s_values.Single(value => value.Name == name);

    private abstract class ValueCase(string name)
    {
        public string Name => name;

        public abstract void WriteIsReadBackBySameTransaction(Where where, Mode mode);

        public abstract void CommittedWriteIsSeenByNextTransaction(Where where, Mode mode);

        public abstract void AbortRestoresOldValue(Where where);

        public abstract void AbortAfterTwoWritesRestoresOriginal(Where where);
    }

    private sealed class ValueCase<T>(string name, T original, T intermediate, T updated, T neighbor) : ValueCase(name)
    {
        public override void WriteIsReadBackBySameTransaction(Where where, Mode mode)
        {
            using var _ = EnterMode(mode);
            var slot = Slot<T>.Create(where, original, neighbor);
            Atomically(mode, tx =>
            {
                Assert.Equal(original, slot.Read(tx));
                slot.Write(tx, updated);
                Assert.Equal(updated, slot.Read(tx));
                if (mode == Mode.Stm)
                {
                    // Encounter-time locking: the first write takes one lock and logs the old value.
                    Assert.Equal((1, 1), (tx.WriteCount, tx.UndoCount));
                }
                else
                {
                    Assert.Equal((0, 0, 0), (tx.ReadCount, tx.WriteCount, tx.UndoCount));
                }
            });
            Assert.Equal(neighbor, slot.Neighbor);
        }

        public override void CommittedWriteIsSeenByNextTransaction(Where where, Mode mode)
        {
            using var _ = EnterMode(mode);
            var slot = Slot<T>.Create(where, original, neighbor);
            Atomically(mode, tx => slot.Write(tx, updated));
            Assert.Equal(updated, slot.Value);
            Assert.Equal(updated, Atomically(mode, slot.Read));
            Assert.Equal(neighbor, slot.Neighbor);
        }

        public override void AbortRestoresOldValue(Where where)
        {
            using var _ = EnterMode(Mode.Stm);
            var slot = Slot<T>.Create(where, original, neighbor);
            var seenOnRestart = WriteThenAbortOnce(slot, tx => slot.Write(tx, updated));
            Assert.Equal(original, seenOnRestart);
            Assert.Equal(original, slot.Value);
            Assert.Equal(neighbor, slot.Neighbor);
        }

        public override void AbortAfterTwoWritesRestoresOriginal(Where where)
        {
            using var _ = EnterMode(Mode.Stm);
            var slot = Slot<T>.Create(where, original, neighbor);
            var seenOnRestart = WriteThenAbortOnce(slot, tx =>
            {
                slot.Write(tx, intermediate);
                slot.Write(tx, updated);
                // One lock and one undo entry: the second write to the location the last entry saved
                // reuses it, since that entry already holds the original.
                Assert.Equal((1, 1), (tx.WriteCount, tx.UndoCount));
            });
            Assert.Equal(original, seenOnRestart);
            Assert.Equal(original, slot.Value);
            Assert.Equal(neighbor, slot.Neighbor);
        }

        /// <summary>Runs <paramref name="write"/> and dooms the first attempt; returns what the second attempt reads.</summary>
        private static T WriteThenAbortOnce(Slot<T> slot, Action<TxDescriptor> write)
        {
            T seenOnRestart = default!;
            int attempts = Atomically(Mode.Stm, (tx, attempt) =>
            {
                if (attempt == 1)
                {
                    write(tx);
                    // The undo log names locations by (holder, offset): that must survive the GC moving the holder.
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    tx.Doom(AbortCause.Injected);
                }
                seenOnRestart = slot.Read(tx);
            });
            Assert.Equal(2, attempts);
            return seenOnRestart;
        }
    }

    /// <summary>A location of type <typeparamref name="T"/> with a neighbour, accessed through the barriers of one <see cref="Where"/>.</summary>
    private abstract class Slot<T>
    {
        public abstract T Read(TxDescriptor tx);

        public abstract void Write(TxDescriptor tx, T value);

        /// <summary>The location read without a barrier (outside transactions).</summary>
        public abstract T Value { get; }

        public abstract T Neighbor { get; }

        public static Slot<T> Create(Where where, T initial, T neighbor) => where switch
        {
            Where.WovenField => new WovenFieldSlot<T>(initial, neighbor),
            Where.ArrayElement => new ArrayElementSlot<T>(initial, neighbor),
            Where.PlainObjectField => new PlainObjectFieldSlot<T>(initial, neighbor),
            Where.MultiDimElement => new MultiDimElementSlot<T>(initial, neighbor),
            Where.StaticField => new StaticFieldSlot<T>(initial, neighbor),
            _ => throw new ArgumentOutOfRangeException(nameof(where)),
        };
    }

    private sealed class WovenFieldSlot<T>(T initial, T neighbor) : Slot<T>
    {
        private readonly Cell<T> _cell = new(initial, neighbor);

        public override T Read(TxDescriptor tx) => _cell.Read(tx);

        public override void Write(TxDescriptor tx, T value) => _cell.Write(tx, value);

        public override T Value => _cell.Value;

        public override T Neighbor => _cell.Neighbor;
    }

    private sealed class ArrayElementSlot<T>(T initial, T neighbor) : Slot<T>
    {
        private const int Index = 1;
        private readonly T[] _array = [neighbor, initial, neighbor];

        public override T Read(TxDescriptor tx) => Barriers.ReadElement(tx, _array, Index);

        public override void Write(TxDescriptor tx, T value) => Barriers.WriteElement(tx, _array, Index, value);

        public override T Value => _array[Index];

        public override T Neighbor
        {
            get
            {
                Assert.Equal(_array[Index - 1], _array[Index + 1]);
                return _array[Index - 1];
            }
        }
    }

    /// <summary>A field of an object whose class is not woven: no header, so the location's stripe guards it (key 0).</summary>
    private sealed class PlainObjectFieldSlot<T>(T initial, T neighbor) : Slot<T>
    {
        private readonly PlainPair<T> _holder = new() { Value = initial, Neighbor = neighbor };

        public override T Read(TxDescriptor tx) => Barriers.ReadLocation(tx, _holder, 0, ref _holder.Value);

        public override void Write(TxDescriptor tx, T value) => Barriers.WriteLocation(tx, _holder, 0, ref _holder.Value, value);

        public override T Value => _holder.Value;

        public override T Neighbor => _holder.Neighbor;
    }

    /// <summary>An element of a 2-D array: the stripe key is the element's linear index.</summary>
    private sealed class MultiDimElementSlot<T> : Slot<T>
    {
        private const int Row = 1;
        private const int Column = 2;
        private const int Columns = 4;
        private const int LinearIndex = Row * Columns + Column;
        private readonly T[,] _array = new T[3, Columns];

        public MultiDimElementSlot(T initial, T neighbor)
        {
            _array[Row, Column] = initial;
            _array[Row, Column + 1] = neighbor;
        }

        public override T Read(TxDescriptor tx) => Barriers.ReadLocation(tx, _array, LinearIndex, ref _array[Row, Column]);

        public override void Write(TxDescriptor tx, T value) => Barriers.WriteLocation(tx, _array, LinearIndex, ref _array[Row, Column], value);

        public override T Value => _array[Row, Column];

        public override T Neighbor => _array[Row, Column + 1];
    }

    private sealed class StaticFieldSlot<T> : Slot<T>
    {
        public StaticFieldSlot(T initial, T neighbor)
        {
            Statics<T>.Value = initial;
            Statics<T>.Neighbor = neighbor;
        }

        public override T Read(TxDescriptor tx) => Barriers.ReadStatic(tx, ref Statics<T>.Value, Statics<T>.FieldKey);

        public override void Write(TxDescriptor tx, T value) =>
            Barriers.WriteStatic(tx, ref Statics<T>.Value, Statics<T>.FieldKey, &Statics<T>.LocateValue, value);

        public override T Value => Statics<T>.Value;

        public override T Neighbor => Statics<T>.Neighbor;
    }

    private static int s_lastStaticFieldKey = 0x5747_0000;

    /// <summary>Static fields as the weaver sees them: a stable key per field and a generated locator for the undo log.</summary>
    private static class Statics<T>
    {
        public static readonly int FieldKey = Interlocked.Increment(ref s_lastStaticFieldKey);

        public static T Value = default!;

        public static T Neighbor = default!;

        public static ref T LocateValue() => ref Value;
    }

    // ================================================================ 2. array elements

    public static TheoryData<Mode, int> BadIndices => new()
    {
        { Mode.Stm, -1 }, { Mode.Stm, 3 }, { Mode.Stm, int.MinValue }, { Mode.Stm, int.MaxValue },
        { Mode.Serial, -1 }, { Mode.Serial, 3 }, { Mode.Serial, int.MinValue }, { Mode.Serial, int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(BadIndices))]
    public void Bad_index_throws_like_a_plain_array_and_leaves_nothing_locked(Mode mode, int index)
    {
        using var _ = EnterMode(mode);
        Action<TxDescriptor>[] writeEveryElement =
        [
            AssertBadIndexThrowsLikePlainArray(mode, new long[] { 1, 2, 3 }, index, 9L),
            AssertBadIndexThrowsLikePlainArray(mode, new string?[] { "a", "b", null }, index, "z"),
            AssertBadIndexThrowsLikePlainArray(mode, new decimal[] { 1m, 2m, 3m }, index, 9m),
        ];

        // Then a transaction on another thread writes every element at its first try: a lock left
        // behind would make it conflict and retry (or wait forever).
        int attempts = OnAnotherThread(() => Atomically(mode: null, tx =>
        {
            foreach (var write in writeEveryElement)
                write(tx);
        }));
        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData(Mode.Stm)]
    [InlineData(Mode.Serial)]
    public void Null_array_throws_like_a_plain_array(Mode mode)
    {
        using var _ = EnterMode(mode);
        int[] array = null!;
        var plainRead = Record.Exception(() => array[0]);
        var plainWrite = Record.Exception(() => array[0] = 1);
        Atomically(mode, tx =>
        {
            Assert.IsType(plainRead!.GetType(), Record.Exception(() => Barriers.ReadElement(tx, array, 0)));
            Assert.IsType(plainWrite!.GetType(), Record.Exception(() => Barriers.WriteElement(tx, array, 0, 1)));
            Assert.Equal((0, 0, 0), (tx.ReadCount, tx.WriteCount, tx.UndoCount));
        });
    }

    /// <summary>
    /// Reading and writing <paramref name="array"/> at a bad index throws what the plain access
    /// throws, takes no lock and logs nothing. Returns a transaction step that writes every
    /// element with <paramref name="value"/> and reads it back.
    /// </summary>
    private static Action<TxDescriptor> AssertBadIndexThrowsLikePlainArray<T>(Mode mode, T[] array, int index, T value)
    {
        var plainRead = Record.Exception(() => array[index]);
        var plainWrite = Record.Exception(() => array[index] = value);
        Assert.IsType<IndexOutOfRangeException>(plainRead);
        Assert.IsType<IndexOutOfRangeException>(plainWrite);
        T[] before = [.. array];

        Atomically(mode, tx =>
        {
            Assert.IsType(plainRead.GetType(), Record.Exception(() => Barriers.ReadElement(tx, array, index)));
            Assert.IsType(plainWrite.GetType(), Record.Exception(() => Barriers.WriteElement(tx, array, index, value)));
            Assert.Equal((0, 0, 0), (tx.ReadCount, tx.WriteCount, tx.UndoCount));
        });
        Assert.Equal(before, array);

        return tx =>
        {
            for (int i = 0; i < array.Length; i++)
            {
                Barriers.WriteElement(tx, array, i, value);
                Assert.Equal(value, Barriers.ReadElement(tx, array, i));
            }
        };
    }

    [Theory]
    [InlineData(Mode.Stm)]
    [InlineData(Mode.Serial)]
    public void Covariant_store_of_the_wrong_type_throws_like_plain_CSharp(Mode mode)
    {
        using var _ = EnterMode(mode);
        object[] array = new string[] { "kept" };
        var plain = Record.Exception(() => array[0] = new object());
        Assert.IsType<ArrayTypeMismatchException>(plain);

        Atomically(mode, tx =>
        {
            Assert.IsType<ArrayTypeMismatchException>(Record.Exception(() => Barriers.WriteElement(tx, array, 0, new object())));
            Assert.Equal("kept", Barriers.ReadElement(tx, array, 0));
        });
        Assert.Equal("kept", array[0]);

        // A store of the right type through the same covariant view still works, from another thread too.
        Assert.Equal(1, OnAnotherThread(() => Atomically(mode: null, tx => Barriers.WriteElement<object>(tx, array, 0, "stored"))));
        Assert.Equal("stored", array[0]);
    }

    [Fact]
    public void Covariant_store_of_the_wrong_type_in_an_aborted_attempt_leaves_the_element_unchanged()
    {
        using var _ = EnterMode(Mode.Stm);
        object[] array = new string[] { "kept" };
        object? seenOnRestart = null;
        int attempts = Atomically(Mode.Stm, (tx, attempt) =>
        {
            if (attempt == 1)
            {
                Assert.IsType<ArrayTypeMismatchException>(Record.Exception(() => Barriers.WriteElement(tx, array, 0, new object())));
                tx.Doom(AbortCause.Injected);
            }
            seenOnRestart = Barriers.ReadElement(tx, array, 0);
        });
        Assert.Equal(2, attempts);
        Assert.Equal("kept", seenOnRestart);
        Assert.Equal("kept", array[0]);
    }

    /// <summary>Elements 64 apart or more are in different stripes of one array (StripeTable: <c>index >> 6</c>).</summary>
    private const int BigArrayLength = 1 << 16;

    private const int FarIndex = BigArrayLength / 2;

    [Fact]
    public void Elements_far_apart_take_separate_locks_and_neighbours_share_one()
    {
        using var _ = EnterMode(Mode.Stm);
        var array = new long[BigArrayLength];
        long[] seenOnRestart = [];
        int attempts = Atomically(Mode.Stm, (tx, attempt) =>
        {
            if (attempt == 1)
            {
                Barriers.WriteElement(tx, array, 0, 1L);
                Barriers.WriteElement(tx, array, 1, 2L);
                Assert.Equal((1, 2), (tx.WriteCount, tx.UndoCount));
                Barriers.WriteElement(tx, array, FarIndex, 3L);
                Assert.Equal((2, 3), (tx.WriteCount, tx.UndoCount));
                tx.Doom(AbortCause.Injected);
            }
            seenOnRestart = [Barriers.ReadElement(tx, array, 0), Barriers.ReadElement(tx, array, 1), Barriers.ReadElement(tx, array, FarIndex)];
            Barriers.WriteElement(tx, array, 0, 4L);
            Barriers.WriteElement(tx, array, FarIndex, 5L);
        });
        Assert.Equal(2, attempts);
        Assert.Equal([0L, 0L, 0L], seenOnRestart);
        Assert.Equal((4L, 0L, 5L), (array[0], array[1], array[FarIndex]));
    }

    [Theory]
    [InlineData(FarIndex, false)]
    [InlineData(1, true)]
    public void Writer_conflicts_with_another_threads_lock_only_in_the_same_stripe(int index, bool sameStripe)
    {
        using var _ = EnterMode(Mode.Stm);
        var array = new long[BigArrayLength];
        int contenderAttempts = 0;
        using var holding = new ManualResetEventSlim();
        using var contenderDone = new ManualResetEventSlim();

        // The holder locks element 0's stripe and keeps the lock until the contender has given way
        // once (same stripe) or has committed (different stripe).
        var holder = StartOnAnotherThread(() => Atomically(Mode.Stm, (tx, attempt) =>
        {
            Barriers.WriteElement(tx, array, 0, 1L);
            holding.Set();
            if (attempt > 1)
                return;
            bool contenderProgressed = sameStripe
                ? SpinWait.SpinUntil(() => Volatile.Read(ref contenderAttempts) >= 2, Timeout)
                : contenderDone.Wait(Timeout);
            Assert.True(contenderProgressed, "the contender made no progress while the holder held its lock");
        }));
        Assert.True(holding.Wait(Timeout));
        Atomically(Mode.Stm, (tx, attempt) =>
        {
            Volatile.Write(ref contenderAttempts, attempt);
            Barriers.WriteElement(tx, array, index, 2L);
        });
        contenderDone.Set();
        holder.Join(Timeout);

        // Same stripe: the contender met the lock and had to retry. Different stripes: its first
        // attempt committed while the holder still held its own lock.
        if (sameStripe)
            Assert.True(contenderAttempts >= 2, $"the contender committed at attempt {contenderAttempts} through another thread's lock");
        else
            Assert.Equal(1, contenderAttempts);
        Assert.Equal((1L, 2L), (array[0], array[index]));
    }

    // ================================================================ 5. captured memory

    [Fact]
    public void Object_allocated_by_the_running_attempt_is_written_without_lock_or_undo_entry()
    {
        using var _ = EnterMode(Mode.Stm);
        Cell<long>? fresh = null;
        Atomically(Mode.Stm, tx =>
        {
            fresh = new Cell<long>(1, 0);
            fresh.Write(tx, 2);
            fresh.Write(tx, 3);
            Assert.Equal(3, fresh.Read(tx));
            Assert.Equal((0, 0, 0), (tx.ReadCount, tx.WriteCount, tx.UndoCount));
        });
        Assert.Equal(3, fresh!.Value);

        // Once its attempt committed the object is ordinary shared memory: another thread reads it
        // and locks it to write it, and an abort there restores it.
        int attempts = OnAnotherThread(() => Atomically(Mode.Stm, (tx, attempt) =>
        {
            Assert.Equal(3, fresh.Read(tx));
            fresh.Write(tx, attempt == 1 ? 100 : 4);
            Assert.Equal((1, 1), (tx.WriteCount, tx.UndoCount));
            if (attempt == 1)
                tx.Doom(AbortCause.Injected);
        }));
        Assert.Equal(2, attempts);
        Assert.Equal(4, fresh.Value);

        // And back on this thread, whose later attempts do not own it either.
        Atomically(Mode.Stm, tx =>
        {
            Assert.Equal(4, fresh.Read(tx));
            fresh.Write(tx, 5);
            Assert.Equal((1, 1), (tx.WriteCount, tx.UndoCount));
        });
        Assert.Equal(5, fresh.Value);
    }

    [Fact]
    public void Object_allocated_by_an_aborted_attempt_is_gone_on_restart()
    {
        using var _ = EnterMode(Mode.Stm);
        var root = new Cell<Cell<long>?>(null, null);
        Cell<long>? fromAbortedAttempt = null;
        Cell<long>? seenOnRestart = null;
        int attempts = Atomically(Mode.Stm, (tx, attempt) =>
        {
            if (attempt == 1)
            {
                fromAbortedAttempt = new Cell<long>(1, 0);
                fromAbortedAttempt.Write(tx, 2);
                root.Write(tx, fromAbortedAttempt);
                tx.Doom(AbortCause.Injected);
            }
            seenOnRestart = root.Read(tx);

            // The restart is a new attempt: it does not own what the aborted one allocated.
            fromAbortedAttempt!.Write(tx, 3);
            Assert.Equal((1, 1), (tx.WriteCount, tx.UndoCount));
        });
        Assert.Equal(2, attempts);
        Assert.Null(seenOnRestart);
        Assert.Null(root.Value);
    }

    [Fact]
    public void Object_allocated_before_the_region_entry_is_restored_when_the_region_restarts()
    {
        // docs/abi.md §4 hand-woven: a method allocates, then enters a region (an elided lock) in
        // the same frame. The region's start point is its entry, so on restart the object, still
        // referenced by a local, must look as it did at the entry.
        using var _ = EnterMode(Mode.Stm);
        var tx = TxDescriptor.Current;
        int depth = tx.EnterFrame();
        var counter = new Cell<long>(0, 0);
        tx.EnterRegion(depth);
        int attempts = 0;
        long seenOnRestart = -1;
        while (true)
        {
            try
            {
                attempts++;
                long seen = counter.Read(tx);
                if (attempts == 2)
                    seenOnRestart = seen;
                counter.Write(tx, seen + 1);
                if (attempts == 1)
                    tx.Doom(AbortCause.Injected);
                if (tx.ExitRegionAndFrame(depth))
                    break;
            }
            catch (TransactionAbort abort) when (abort.TargetDepth == depth)
            {
            }
            tx.RestartAt(depth);
        }
        Assert.Equal(0, seenOnRestart);
        Assert.Equal(1, counter.Value);
    }

    // ================================================================ 6. what gets logged

    public static TheoryData<Mode> BothModes => new() { Mode.Stm, Mode.Serial };

    [Theory]
    [MemberData(nameof(BothModes))]
    public void Read_only_transaction_logs_one_read_per_barrier_in_stm_mode_and_nothing_in_serial_mode(Mode mode)
    {
        using var _ = EnterMode(mode);
        var slots = Enum.GetValues<Where>().Select(where => Slot<long>.Create(where, 7, 0)).ToArray();
        Atomically(mode, tx =>
        {
            for (int i = 0; i < slots.Length; i++)
            {
                Assert.Equal(7, slots[i].Read(tx));
                Assert.Equal(mode == Mode.Stm ? i + 1 : 0, tx.ReadCount);
            }
            Assert.Equal((0, 0), (tx.WriteCount, tx.UndoCount));
        });
    }

    [Fact]
    public void Serial_writes_leave_the_lock_word_alone()
    {
        // Serial mode relies on no STM transaction running meanwhile: it neither locks nor versions.
        using var _ = EnterMode(Mode.Serial);
        var cell = new Cell<long>(1, 0);
        long header = cell.Header;
        Atomically(Mode.Serial, tx =>
        {
            cell.Write(tx, 2);
            Assert.Equal(header, Volatile.Read(ref cell.Header));
        });
        Assert.Equal(header, cell.Header);
        Assert.Equal(2, cell.Value);
    }

    // ================================================================ woven types and helpers

    /// <summary>A woven class, as the weaver emits it: the header first, then the fields, every access through a barrier.</summary>
    private sealed class Cell<T>(T value, T neighbor)
    {
        public long Header = Barriers.NewHeader();
        public T Value = value;
        public T Neighbor = neighbor;

        public T Read(TxDescriptor tx) => Barriers.ReadField(tx, this, ref Header, ref Value);

        public void Write(TxDescriptor tx, T value) => Barriers.WriteField(tx, this, ref Header, ref Value, value);
    }

    /// <summary>A class that is not woven: no header.</summary>
    private sealed class PlainPair<T>
    {
        public T Value = default!;
        public T Neighbor = default!;
    }

    private static int Atomically(Mode? mode, Action<TxDescriptor> body) => Atomically(mode, (tx, _) => body(tx));

    private static TResult Atomically<TResult>(Mode? mode, Func<TxDescriptor, TResult> body)
    {
        TResult result = default!;
        Atomically(mode, (tx, _) => result = body(tx));
        return result;
    }

    /// <summary>
    /// Runs <paramref name="body"/> (given the attempt number, from 1) as one hand-woven region and
    /// returns how many attempts it took. Checks every attempt runs in <paramref name="mode"/> (null: any mode).
    /// </summary>
    private static int Atomically(Mode? mode, Action<TxDescriptor, int> body)
    {
        var region = new DelegateBody(mode, body);
        Region.Run(ref region);
        return region.Attempts;
    }

    /// <summary>A region body around a delegate, checking each attempt runs in the expected mode.</summary>
    private struct DelegateBody(Mode? mode, Action<TxDescriptor, int> body) : IRegionBody
    {
        public int Attempts;

        public void Run(TxDescriptor tx)
        {
            Attempts++;
            if (mode is { } expected)
                Assert.Equal(expected == Mode.Serial, tx.IsSerial);
            body(tx, Attempts);
        }
    }

    /// <summary>
    /// Puts the calling thread in <paramref name="mode"/> for the test. Serial mode is taken by a
    /// thread after a few transactions alone (the runtime probes for it periodically).
    /// </summary>
    private static IDisposable EnterMode(Mode mode)
    {
        var scope = StmMode.Set(serialModeEnabled: mode == Mode.Serial);
        for (int i = 0; i < 200; i++)
        {
            var probe = new ModeProbe();
            Region.Run(ref probe);
            if (probe.IsSerial == (mode == Mode.Serial))
                return scope;
        }
        scope.Dispose();
        throw new InvalidOperationException($"The test thread did not reach {mode} mode.");
    }

    private struct ModeProbe : IRegionBody
    {
        public bool IsSerial;

        public void Run(TxDescriptor tx) => IsSerial = tx.IsSerial;
    }

    /// <summary>Runs <paramref name="work"/> on a new thread, waits for it (bounded) and rethrows its exception.</summary>
    private static TResult OnAnotherThread<TResult>(Func<TResult> work)
    {
        TResult result = default!;
        StartOnAnotherThread(() => result = work()).Join(Timeout);
        return result;
    }

    private static void OnAnotherThread(Action work) => StartOnAnotherThread(work).Join(Timeout);

    private static TestThread StartOnAnotherThread(Action work) => new(work);

    /// <summary>An unmanaged struct of at most 8 bytes: the undo log keeps it as raw bits.</summary>
    private readonly record struct SmallStruct(int A, short B, byte C);

    /// <summary>An unmanaged struct over 8 bytes: the undo log boxes it.</summary>
    private readonly record struct LargeStruct(long A, long B, long C);

    /// <summary>A struct holding a reference: the undo log boxes it, and the GC must see the reference.</summary>
    private readonly record struct StructWithReference(string? Label, int Count);
}
