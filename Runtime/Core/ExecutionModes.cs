using System.Diagnostics;
using Stm.Abi;

namespace Stm.Core;

/// <summary>
/// Serial mode and the inevitable token.
/// <para>
/// Serial mode: while only one thread runs woven code, its transactions are inevitable and its
/// barriers reduce to one flag test with nothing logged. Each thread publishes whether it runs
/// woven code in its own <see cref="TxDescriptor.Running"/> flag (no shared counter on the hot
/// path). The serial word names the owner and whether it is attached (running) or detached
/// (between calls into woven code: it keeps ownership so its next call re-attaches with one CAS).
/// </para>
/// <para>
/// A thread that starts running woven code revokes a detached owner, or asks an attached one to
/// leave and waits; the owner leaves at its next transaction start (a commit point outside
/// regions). Taking serial mode and starting to run form a Dekker pair (flag, fence, look at the
/// other side), so they never both succeed; the fence is a process-wide barrier on the taking
/// side, which is rare, so the starting side needs none. Serial writes are in place and leave lock words
/// untouched, which is safe because no STM transaction ran meanwhile and each later one starts
/// after the owner's last serial commit.
/// </para>
/// <para>
/// The inevitable token: at most one STM-mode transaction holds it; it never aborts, and update
/// commits of others wait until it has finished (pypy-stm's rule).
/// </para>
/// </summary>
internal static class ExecutionModes
{
    private const long OwnerMask = 0xFFFF_FFFF;
    private const long AttachedBit = 1L << 32;
    private const long LeaveRequestedBit = 1L << 33;

    /// <summary>Transactions started between two attempts of a thread in STM mode to take serial mode.</summary>
    private const int SerialProbeInterval = 32;

    /// <summary>0 when nobody owns serial mode; else owner slot + 1, Attached, LeaveRequested.</summary>
    private static long s_serial;
    private static TxDescriptor? s_inevitable;

    /// <summary>Off when <c>STM_SERIAL=0</c>; tests and benchmarks turn it off to measure STM mode on one thread.</summary>
    internal static bool SerialModeEnabled { get; set; } = Environment.GetEnvironmentVariable("STM_SERIAL") != "0";

    public static TxDescriptor? InevitableOwner => Volatile.Read(ref s_inevitable);

    /// <summary>The calling thread starts running woven code; returns once it may start a transaction.</summary>
    public static void Register(TxDescriptor tx)
    {
        tx.Registrations++;
        // No fence here: the rare side of this Dekker pair (TryTakeSerial) pays for both with a
        // process-wide barrier, so starting to run costs plain stores and loads.
        Volatile.Write(ref tx.Running, 1);
        for (int round = 0; ; round++)
        {
            long serial = Volatile.Read(ref s_serial);
            if (serial == 0)
                return;
            if (OwnerOf(serial) == tx.Slot)
            {
                if ((serial & LeaveRequestedBit) != 0 || !SerialModeEnabled)
                    Release(tx, serial);
                else if (Interlocked.CompareExchange(ref s_serial, serial | AttachedBit, serial) == serial)
                    tx.IsSerial = true;
                if (tx.IsSerial)
                    return;
                continue;
            }
            if ((serial & AttachedBit) == 0)
            {
                // The owner is between calls: it has no transaction, so serial mode can be taken back now.
                if (Interlocked.CompareExchange(ref s_serial, 0, serial) == serial)
                    AccountSerialTime(DescriptorRegistry.At(OwnerOf(serial)));
                continue;
            }
            if ((serial & LeaveRequestedBit) == 0)
                Interlocked.CompareExchange(ref s_serial, serial | LeaveRequestedBit, serial);
            DescriptorRegistry.At(OwnerOf(serial))?.HintCommitSoon();
            Backoff.Pause(ref tx.Random, Math.Min(round, 8));
        }
    }

    /// <summary>The thread stops running woven code (outermost woven frame left, or a blocking call).</summary>
    public static void Unregister(TxDescriptor tx)
    {
        if (tx.IsSerial)
        {
            long serial;
            do
            {
                serial = Volatile.Read(ref s_serial);
            }
            while ((serial & LeaveRequestedBit) == 0 && Interlocked.CompareExchange(ref s_serial, serial & ~AttachedBit, serial) != serial);
            if ((serial & LeaveRequestedBit) != 0)
                Release(tx, serial);
            tx.IsSerial = false;
        }
        Volatile.Write(ref tx.Running, 0);
    }

    /// <summary>At a transaction start: give serial mode up if asked, or now and then try to take it.</summary>
    public static void UpdateAtStart(TxDescriptor tx)
    {
        if (tx.IsSerial)
        {
            long serial = Volatile.Read(ref s_serial);
            if ((serial & LeaveRequestedBit) != 0 || !SerialModeEnabled)
                Release(tx, serial);
        }
        else if (--tx.SerialProbeCountdown <= 0)
        {
            tx.SerialProbeCountdown = SerialProbeInterval;
            TryTakeSerial(tx);
        }
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
        long mine = tx.Slot + 1L | AttachedBit;
        if (Interlocked.CompareExchange(ref s_serial, mine, 0) != 0)
            return;
        // Makes every thread's earlier "Running = 1" visible before the scan (see Register).
        Interlocked.MemoryBarrierProcessWide();
        if (AnotherThreadRuns(tx))
        {
            // Lost the Dekker race with a thread that just started: hand the word back.
            Release(tx, Volatile.Read(ref s_serial), wasOwning: false);
            return;
        }
        tx.IsSerial = true;
        tx.SerialSince = Stopwatch.GetTimestamp();
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

    /// <summary>Clears the serial word (only its owner's bits can be in it).</summary>
    private static void Release(TxDescriptor tx, long serial, bool wasOwning = true)
    {
        while (Interlocked.CompareExchange(ref s_serial, 0, serial) is var seen && seen != serial)
            serial = seen;
        if (wasOwning)
            AccountSerialTime(tx);
        tx.IsSerial = false;
    }

    private static void AccountSerialTime(TxDescriptor? owner)
    {
        if (owner is not null)
            Interlocked.Add(ref owner.Stats.SerialTicks, Stopwatch.GetTimestamp() - owner.SerialSince);
    }

    /// <summary>The thread of <paramref name="tx"/> is gone: its slot will be reused, so it must not keep serial ownership.</summary>
    public static void Forget(TxDescriptor tx)
    {
        long serial = Volatile.Read(ref s_serial);
        if (serial != 0 && OwnerOf(serial) == tx.Slot && Interlocked.CompareExchange(ref s_serial, 0, serial) == serial)
            AccountSerialTime(tx);
    }

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
