using System.Runtime.CompilerServices;
using Stm.Abi;

namespace Stm.Core;

/// <summary>
/// Test hook: aborts the running attempt at the k-th barrier, to prove that restart, shadow
/// locals and catch hardening give the original result from any abort point. Enabled only in a
/// process started with <c>STM_ABORT_INJECTION=1</c>; otherwise <see cref="Enabled"/> is a
/// constant false after tier-up and the barriers pay nothing. <c>STM_ABORT_PERIOD=n</c> then arms
/// an abort at every n-th barrier from the start, so any woven program can run with aborts injected.
/// </summary>
internal static class AbortInjection
{
    internal static readonly bool Enabled = Environment.GetEnvironmentVariable("STM_ABORT_INJECTION") == "1";

    static AbortInjection()
    {
        if (Enabled && long.TryParse(Environment.GetEnvironmentVariable("STM_ABORT_PERIOD"), out long period) && period > 0)
            ArmPeriodic(period);
    }

    /// <summary>Barriers passed since the last <see cref="Arm"/>.</summary>
    internal static long Count;

    /// <summary>Aborts injected since the last <see cref="Arm"/>.</summary>
    internal static int Injected;

    private static long s_abortAt;
    private static long s_period;

    /// <summary>Counts barriers from zero and aborts at the <paramref name="abortAt"/>-th one (0: never).</summary>
    internal static void Arm(long abortAt)
    {
        Count = 0;
        Injected = 0;
        s_abortAt = abortAt;
        s_period = 0;
    }

    /// <summary>
    /// Aborts at every <paramref name="period"/>-th barrier, counted over all threads (the count is
    /// not synchronized: roughly every period-th, which is all a multithreaded test needs).
    /// </summary>
    internal static void ArmPeriodic(long period)
    {
        Arm(0);
        s_period = period;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Tick(TxDescriptor tx)
    {
        if (Enabled)
            TickSlow(tx);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TickSlow(TxDescriptor tx)
    {
        long count = ++Count;
        if ((count != s_abortAt && (s_period == 0 || count % s_period != 0)) || !tx.CanAbort)
            return;
        Injected++;
        tx.Doom(AbortCause.Injected);
    }
}
