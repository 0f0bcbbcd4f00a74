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
}
