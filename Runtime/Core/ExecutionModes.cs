using System.Diagnostics;
using Stm.Abi;

namespace Stm.Core;

/// <summary>
/// Serial mode and the inevitable token.
/// <para>
/// Serial mode: while only one thread runs woven code, its transactions are inevitable and its
/// barriers reduce to one flag test with nothing logged. Each thread publishes whether it runs
/// woven code in its own <see cref="TxDescriptor.Running"/> flag (no shared counter on the hot
/// path). The serial word names the owner. The owner keeps ownership between its calls into
/// woven code, so entering and leaving costs it plain stores and loads.
/// </para>
/// <para>
/// Two Dekker pairs keep serial mode exclusive. A thread that starts running (Running = 1, then
/// reads the serial word) against one that takes serial mode (sets the word, then reads the
/// others' Running flags); and an owner that starts running against a thread that takes
/// ownership away from it (sets LeaveRequested, then reads the owner's Running). The frequent
/// side of both pairs uses no fence: the rare side (taking, revoking) executes a process-wide
/// barrier, which makes every thread's earlier stores visible before it reads. A running owner
/// asked to leave gives serial mode up at its next transaction start (a commit point outside
/// regions); an owner between calls loses it at once.
/// </para>
/// <para>
/// Serial writes are in place and leave lock words untouched, which is safe because no STM
/// transaction ran meanwhile and each later one starts after the owner's last serial commit.
/// </para>
/// <para>
/// The inevitable token: at most one STM-mode transaction holds it; it never aborts, and update
/// commits of others wait until it has finished (pypy-stm's rule).
/// </para>
/// </summary>
internal static class ExecutionModes
{
    private const long OwnerMask = 0xFFFF_FFFF;
    private const long LeaveRequestedBit = 1L << 32;

    /// <summary>Transactions started between two attempts of a thread in STM mode to take serial mode.</summary>
    private const int SerialProbeInterval = 32;

    /// <summary>0 when nobody owns serial mode; else owner slot + 1, and LeaveRequested.</summary>
    private static long s_serial;
    private static TxDescriptor? s_inevitable;

    /// <summary>Off when <c>STM_SERIAL=0</c>; tests and benchmarks turn it off to measure STM mode on one thread.</summary>
    internal static bool SerialModeEnabled { get; set; } = Environment.GetEnvironmentVariable("STM_SERIAL") != "0";

    public static TxDescriptor? InevitableOwner => Volatile.Read(ref s_inevitable);

    /// <summary>The calling thread starts running woven code; returns once it may start a transaction.</summary>
    public static void Register(TxDescriptor tx)
    {
        tx.Registrations++;
        Volatile.Write(ref tx.Running, 1);
        long serial = Volatile.Read(ref s_serial);
        tx.IsSerial = serial != 0 && OwnerOf(serial) == tx.Slot;
        if (tx.IsSerial && ((serial & LeaveRequestedBit) != 0 || !SerialModeEnabled))
            Release(tx);
        else if (serial != 0 && !tx.IsSerial)
            TakeSerialModeAway(tx);
    }

    /// <summary>The thread stops running woven code (outermost woven frame left, or a blocking call).</summary>
    public static void Unregister(TxDescriptor tx)
    {
        if (tx.IsSerial && (Volatile.Read(ref s_serial) & LeaveRequestedBit) != 0)
            Release(tx);
        Volatile.Write(ref tx.Running, 0);
    }

    /// <summary>At a transaction start: give serial mode up if asked, or now and then try to take it.</summary>
    public static void UpdateAtStart(TxDescriptor tx)
    {
        if (tx.IsSerial)
        {
            if ((Volatile.Read(ref s_serial) & LeaveRequestedBit) != 0 || !SerialModeEnabled)
                Release(tx);
        }
        else if (--tx.SerialProbeCountdown <= 0)
        {
            tx.SerialProbeCountdown = SerialProbeInterval;
            TryTakeSerial(tx);
        }
    }

    /// <summary>Another thread owns serial mode: ask it to leave, or take the mode back if it is between calls; wait until it is gone.</summary>
    private static void TakeSerialModeAway(TxDescriptor tx)
    {
        for (int round = 0; ; round++)
        {
            long serial = Volatile.Read(ref s_serial);
            if (serial == 0)
                return;
            if ((serial & LeaveRequestedBit) == 0)
            {
                Interlocked.CompareExchange(ref s_serial, serial | LeaveRequestedBit, serial);
                continue;
            }
            var owner = DescriptorRegistry.At(OwnerOf(serial));
            if (owner is null || OwnerIsBetweenCalls(owner))
            {
                if (Interlocked.CompareExchange(ref s_serial, 0, serial) == serial && owner is not null)
                    AccountSerialTime(owner);
                continue;
            }
            owner.HintCommitSoon();
            Backoff.Pause(ref tx.Random, Math.Min(round, 8));
        }
    }

    private static bool OwnerIsBetweenCalls(TxDescriptor owner)
    {
        if (Volatile.Read(ref owner.Running) != 0)
            return false;
        // A "Running = 1" of the owner still in its store buffer becomes visible here; any read of
        // the serial word it makes after that sees LeaveRequested.
        Interlocked.MemoryBarrierProcessWide();
        return Volatile.Read(ref owner.Running) == 0;
    }

    private static void TryTakeSerial(TxDescriptor tx)
    {
        // Another thread that registered since the last probe is likely between two calls into
        // woven code: taking serial mode now would only make it wait at its next call.
        long othersRegistrations = RegistrationsOfOthers(tx);
        bool othersQuiet = othersRegistrations == tx.OthersRegistrationsAtProbe;
        tx.OthersRegistrationsAtProbe = othersRegistrations;
        if (!SerialModeEnabled || !othersQuiet || Volatile.Read(ref s_serial) != 0 || AnotherThreadRuns(tx))
            return;
        if (Interlocked.CompareExchange(ref s_serial, tx.Slot + 1L, 0) != 0)
            return;
        tx.SerialSince = Stopwatch.GetTimestamp();
        tx.IsSerial = true;
        // Makes every thread's earlier "Running = 1" visible before the scan (see Register).
        Interlocked.MemoryBarrierProcessWide();
        if (AnotherThreadRuns(tx))
            Release(tx);
    }

    private static long RegistrationsOfOthers(TxDescriptor tx)
    {
        long sum = 0;
        int highWater = DescriptorRegistry.HighWater;
        for (int slot = 0; slot < highWater; slot++)
        {
            var other = DescriptorRegistry.At(slot);
            if (other is not null && other != tx)
                sum += Volatile.Read(ref other.Registrations);
        }
        return sum;
    }

    private static bool AnotherThreadRuns(TxDescriptor tx)
    {
        int highWater = DescriptorRegistry.HighWater;
        for (int slot = 0; slot < highWater; slot++)
        {
            var other = DescriptorRegistry.At(slot);
            if (other is not null && other != tx && Volatile.Read(ref other.Running) != 0)
                return true;
        }
        return false;
    }

    /// <summary>Gives serial mode up, unless another thread has taken it away already.</summary>
    private static void Release(TxDescriptor tx)
    {
        tx.IsSerial = false;
        long serial;
        while ((serial = Volatile.Read(ref s_serial)) != 0 && OwnerOf(serial) == tx.Slot)
        {
            if (Interlocked.CompareExchange(ref s_serial, 0, serial) == serial)
            {
                AccountSerialTime(tx);
                return;
            }
        }
    }

    private static void AccountSerialTime(TxDescriptor owner) =>
        Interlocked.Add(ref owner.Stats.SerialTicks, Stopwatch.GetTimestamp() - owner.SerialSince);

    /// <summary>The thread stays running but must not own serial mode (it is about to block holding real locks).</summary>
    public static void GiveUpSerial(TxDescriptor tx)
    {
        if (tx.IsSerial)
            Release(tx);
    }

    /// <summary>The thread of <paramref name="tx"/> is gone: its slot will be reused, so it must not keep serial ownership.</summary>
    public static void Forget(TxDescriptor tx) => Release(tx);

    /// <summary>Serial time <paramref name="tx"/> has accumulated in its current ownership, not yet counted.</summary>
    public static long OpenSerialTicks(TxDescriptor tx) =>
        OwnerOf(Volatile.Read(ref s_serial)) == tx.Slot ? Stopwatch.GetTimestamp() - tx.SerialSince : 0;

    private static int OwnerOf(long serial) => (int)(serial & OwnerMask) - 1;

    public static bool TryAcquireInevitable(TxDescriptor tx) =>
        Interlocked.CompareExchange(ref s_inevitable, tx, null) is null;

    public static void ReleaseInevitable(TxDescriptor tx)
    {
        Debug.Assert(s_inevitable == tx);
        Volatile.Write(ref s_inevitable, null);
    }
}
