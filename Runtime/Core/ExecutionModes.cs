using System.Diagnostics;
using Stm.Abi;

namespace Stm.Core;

/// <summary>
/// Serial mode and the inevitable token.
/// <para>
/// Serial mode: while only one thread is registered (runs woven code), its transactions are
/// inevitable and its barriers reduce to one flag check with nothing logged. A thread that
/// registers while another owns serial mode sets <c>LeaveRequested</c> and waits; the owner gives
/// serial mode up at its next transaction start (a commit point outside regions), and from then on
/// both run ordinary STM transactions. Serial writes are in place and leave headers untouched,
/// which is safe because no other transaction ran meanwhile and every later one starts after it.
/// </para>
/// <para>
/// The inevitable token: at most one STM-mode transaction holds it; it never aborts, and update
/// commits of others wait until it has finished (pypy-stm's rule).
/// </para>
/// </summary>
internal static class ExecutionModes
{
    private const long CountMask = 0xFFFF_FFFF;
    private const long SerialBit = 1L << 32;
    private const long LeaveRequestedBit = 1L << 33;

    /// <summary>Registered threads (low 32 bits), serial owned, leave requested.</summary>
    private static long s_word;
    private static TxDescriptor? s_serialOwner;
    private static TxDescriptor? s_inevitable;

    /// <summary>Off when <c>STM_SERIAL=0</c>; tests and benchmarks turn it off to measure STM mode on one thread.</summary>
    internal static bool SerialModeEnabled { get; set; } = Environment.GetEnvironmentVariable("STM_SERIAL") != "0";

    public static TxDescriptor? InevitableOwner => Volatile.Read(ref s_inevitable);

    public static int RegisteredThreads => (int)(Volatile.Read(ref s_word) & CountMask);

    /// <summary>Counts the calling thread as running transactions; returns once it may start one.</summary>
    public static void Register(TxDescriptor tx)
    {
        while (true)
        {
            long word = Volatile.Read(ref s_word);
            bool takeSerial = word == 0 && SerialModeEnabled;
            bool serialTaken = (word & SerialBit) != 0;
            long next = takeSerial ? 1 | SerialBit : (word + 1) | (serialTaken ? LeaveRequestedBit : 0);
            if (Interlocked.CompareExchange(ref s_word, next, word) != word)
                continue;
            if (takeSerial)
                StartOwningSerial(tx);
            else if (serialTaken)
                WaitUntilSerialIsLeft();
            return;
        }
    }

    /// <summary>The thread stops running transactions (outermost woven frame left, or a blocking call).</summary>
    public static void Unregister(TxDescriptor tx)
    {
        if (tx.IsSerial)
            StopOwningSerial(tx);
        long word;
        do
        {
            word = Volatile.Read(ref s_word);
        }
        while (Interlocked.CompareExchange(ref s_word, tx.IsSerial ? (word - 1) & ~(SerialBit | LeaveRequestedBit) : word - 1, word) != word);
        tx.IsSerial = false;
    }

    /// <summary>At a transaction start: take serial mode if this is the only registered thread, or give it up if asked.</summary>
    public static void UpdateAtStart(TxDescriptor tx)
    {
        long word = Volatile.Read(ref s_word);
        if (tx.IsSerial)
        {
            if ((word & LeaveRequestedBit) != 0)
                LeaveSerial(tx);
        }
        else if (word == 1 && SerialModeEnabled && Interlocked.CompareExchange(ref s_word, 1 | SerialBit, 1) == 1)
        {
            StartOwningSerial(tx);
        }
    }

    private static void LeaveSerial(TxDescriptor tx)
    {
        StopOwningSerial(tx);
        long word;
        do
        {
            word = Volatile.Read(ref s_word);
        }
        while (Interlocked.CompareExchange(ref s_word, word & ~(SerialBit | LeaveRequestedBit), word) != word);
        tx.IsSerial = false;
    }

    private static void StartOwningSerial(TxDescriptor tx)
    {
        tx.IsSerial = true;
        tx.SerialSince = Stopwatch.GetTimestamp();
        Volatile.Write(ref s_serialOwner, tx);
    }

    private static void StopOwningSerial(TxDescriptor tx)
    {
        Volatile.Write(ref s_serialOwner, null);
        tx.Stats.SerialTicks += Stopwatch.GetTimestamp() - tx.SerialSince;
    }

    private static void WaitUntilSerialIsLeft()
    {
        var wait = new SpinWait();
        while ((Volatile.Read(ref s_word) & SerialBit) != 0)
        {
            // The owner gives serial mode up at its next commit point; make that one come soon.
            Volatile.Read(ref s_serialOwner)?.HintCommitSoon();
            wait.SpinOnce(sleep1Threshold: -1);
        }
    }

    public static bool TryAcquireInevitable(TxDescriptor tx) =>
        Interlocked.CompareExchange(ref s_inevitable, tx, null) is null;

    public static void ReleaseInevitable(TxDescriptor tx)
    {
        Debug.Assert(s_inevitable == tx);
        Volatile.Write(ref s_inevitable, null);
    }
}
