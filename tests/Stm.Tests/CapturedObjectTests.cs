using Stm.Abi;
using Stm.HandWoven;

namespace Stm.Tests;

public sealed class CapturedObjectTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void An_object_that_escapes_before_its_allocating_transaction_commits_is_read_only_after_that_commit()
    {
        using var _ = StmMode.Force();
        Counter? published = null;
        using var escaped = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var allocator = new Thread(() => Atomic.Run(() =>
        {
            var tx = TxDescriptor.Current;
            var counter = new Counter();
            Barriers.WriteField(tx, counter, ref counter.Header, ref counter.Value, 7);
            // Escapes without a barrier, as through code that is not woven.
            Volatile.Write(ref published, counter);
            escaped.Set();
            finish.Wait(Bound);
            Barriers.WriteField(tx, counter, ref counter.Header, ref counter.Value, 8);
        }));
        allocator.Start();
        Assert.True(escaped.Wait(Bound));

        long seen = -1;
        var reader = new Thread(() => seen = Atomic.Run(() =>
        {
            var counter = Volatile.Read(ref published)!;
            return Barriers.ReadField(TxDescriptor.Current, counter, ref counter.Header, ref counter.Value);
        }));
        reader.Start();
        Assert.False(reader.Join(TimeSpan.FromMilliseconds(100)), "the reader must wait for the allocating transaction");
        finish.Set();
        Assert.True(allocator.Join(Bound));
        Assert.True(reader.Join(Bound));
        Assert.Equal(8, seen);
    }

    /// <summary>A woven class whose objects are copied with MemberwiseClone (the header is copied too).</summary>
    private sealed class Cloneable
    {
        public long Header = Barriers.NewHeader();
        public long Value;

        public Cloneable Copy() => (Cloneable)MemberwiseClone();
    }

    [Fact]
    public void A_copy_made_while_the_original_was_write_locked_is_readable_once_that_attempt_ended()
    {
        using var _ = StmMode.Force();
        var original = new Cloneable();
        Cloneable? copy = null;
        var writer = new TestThread(() => Atomic.Run(() =>
        {
            var tx = TxDescriptor.Current;
            Barriers.WriteField(tx, original, ref original.Header, ref original.Value, 5);
            copy = original.Copy();
        }));
        writer.Join(Bound);

        long seen = -1;
        var reader = new TestThread(() => seen = Atomic.Run(() =>
        {
            var tx = TxDescriptor.Current;
            long value = Barriers.ReadField(tx, copy!, ref copy!.Header, ref copy.Value);
            Barriers.WriteField(tx, copy, ref copy.Header, ref copy.Value, value + 1);
            return value;
        }));
        reader.Join(Bound);
        Assert.Equal(5, seen);
        Assert.Equal(6, copy!.Value);
    }
}
