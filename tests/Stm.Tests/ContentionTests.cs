using Stm.Abi;
using Stm.HandWoven;
using Xunit.Abstractions;

namespace Stm.Tests;

/// <summary>
/// Progress under contention: every transaction must commit eventually, however often it
/// conflicts (the runtime escalates a transaction that keeps aborting to priority, then to
/// inevitability), and no update may be lost on the way.
/// </summary>
public sealed class ContentionTests(ITestOutputHelper output)
{
    /// <summary>Generous: each test takes well under a few seconds when the runtime makes progress.</summary>
    private static readonly TimeSpan ProgressBound = TimeSpan.FromSeconds(60);

    // One site per region entry, as the weaver emits them (a site may start attempts read-only).
    private static readonly TransactionSite s_incrementSite = new();
    private static readonly TransactionSite s_moveSite = new();
    private static readonly TransactionSite s_longReadSite = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Eight_threads_incrementing_one_counter_lose_no_increment(bool forceStm)
    {
        const int Threads = 8, IncrementsPerThread = 20_000;
        using IDisposable? mode = forceStm ? StmMode.Force() : null;
        var counter = new Register(0);
        var before = Transaction.GlobalStatistics;

        var elapsed = BoundedThreads.Run(Threads, ProgressBound, $"forceStm={forceStm}", _ =>
        {
            for (int i = 0; i < IncrementsPerThread; i++)
            {
                var body = new IncrementBody(counter);
                Region.Run(ref body, s_incrementSite);
            }
        });

        var statistics = Transaction.GlobalStatistics.Since(before);
        output.WriteLine($"forceStm={forceStm}: {Threads * IncrementsPerThread} increments in {elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine($"  {statistics}");
        Assert.Equal(Threads * IncrementsPerThread, counter.Value);
        Assert.True(statistics.Commits >= Threads * IncrementsPerThread, $"Only {statistics.Commits} commits counted");
    }

    [Fact]
    public void Long_reader_commits_while_seven_writers_keep_overwriting_what_it_read()
    {
        const int Registers = 256, InitialValue = 100, ReaderTransactions = 10, Writers = 7;
        // Forced STM: with serial mode the reader could simply run alone.
        using var mode = StmMode.Force();
        var registers = Register.Create(Registers, _ => InitialValue);
        const long ExpectedSum = Registers * InitialValue;
        var readers = new LongReadBody[ReaderTransactions];
        long writerCommits = 0;
        bool readerDone = false;
        var before = Transaction.GlobalStatistics;

        var elapsed = BoundedThreads.Run(1 + Writers, ProgressBound, "long reader", thread =>
        {
            if (thread == 0)
            {
                try
                {
                    for (int i = 0; i < ReaderTransactions; i++)
                    {
                        readers[i] = new LongReadBody(registers, ExpectedSum);
                        Region.Run(ref readers[i], s_longReadSite);
                    }
                }
                finally
                {
                    // Also when the reader failed: the writers must not run on until the bound.
                    Volatile.Write(ref readerDone, true);
                }
                return;
            }
            // Writers move amounts between random registers (the sum stays constant) until the reader is done.
            var random = new Random(thread);
            while (!Volatile.Read(ref readerDone))
            {
                var body = new MoveBody(registers[random.Next(Registers)], registers[random.Next(Registers)], random.Next(1, 10));
                Region.Run(ref body, s_moveSite);
                Interlocked.Increment(ref writerCommits);
            }
        });

        var statistics = Transaction.GlobalStatistics.Since(before);
        output.WriteLine($"{ReaderTransactions} long reads committed in {elapsed.TotalMilliseconds:F0} ms, " +
            $"attempts: [{string.Join(", ", readers.Select(reader => reader.Attempts))}], writer commits: {writerCommits}");
        output.WriteLine($"  {statistics}");
        Assert.All(readers, reader => Assert.Equal(ExpectedSum, reader.Sum));
        int inconsistentAttempts = readers.Sum(reader => reader.InconsistentAttempts);
        Assert.True(inconsistentAttempts == 0, $"{inconsistentAttempts} reader attempts saw a sum other than {ExpectedSum}");
        Assert.Equal(ExpectedSum, registers.Sum(register => register.Value));
    }

    /// <summary>Read, pause, write: the pause keeps the window in which another increment conflicts open.</summary>
    private readonly struct IncrementBody(Register counter) : IRegionBody
    {
        private const int PauseBetweenReadAndWrite = 20;

        public void Run(TxDescriptor tx)
        {
            long value = counter.Read(tx);
            Thread.SpinWait(PauseBetweenReadAndWrite);
            counter.Write(tx, value + 1);
        }
    }

    private readonly struct MoveBody(Register from, Register to, long amount) : IRegionBody
    {
        public void Run(TxDescriptor tx)
        {
            from.Write(tx, from.Read(tx) - amount);
            to.Write(tx, to.Read(tx) + amount);
        }
    }

    /// <summary>
    /// Reads every register with a pause after each read, so writers commit over what it already
    /// read many times during one attempt. Its fields persist across attempts (it is run by ref).
    /// </summary>
    private struct LongReadBody(Register[] registers, long expectedSum) : IRegionBody
    {
        private const int PauseBetweenReads = 200;

        public int Attempts;
        public int InconsistentAttempts;
        public long Sum;

        public void Run(TxDescriptor tx)
        {
            Attempts++;
            long sum = 0;
            foreach (var register in registers)
            {
                sum += register.Read(tx);
                Thread.SpinWait(PauseBetweenReads);
            }
            // Opacity: even an attempt that is about to abort must see a consistent state.
            if (sum != expectedSum)
                InconsistentAttempts++;
            Sum = sum;
        }
    }
}
