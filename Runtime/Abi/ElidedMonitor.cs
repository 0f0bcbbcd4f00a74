using System.ComponentModel;
using Stm.Core;

namespace Stm.Abi;

/// <summary>
/// What woven code calls instead of <see cref="Monitor"/>: one method per overload, with the
/// original parameters first and then the frame's descriptor, depth, the entry site's
/// <see cref="TransactionSite"/> and whether the call site can hold a start point (docs/abi.md §5).
/// Arguments the original rejects are passed to it, so the exceptions are exactly its own.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ElidedMonitor
{
    /// <summary>In place of <c>Monitor.Enter(object)</c>.</summary>
    public static void Enter(object obj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (obj is null)
            Monitor.Enter(obj!);
        tx.EnterLock(obj!, LockKind.Monitor, Timeout.Infinite, depth, site, canStart);
    }

    /// <summary>In place of <c>Monitor.Enter(object, ref bool)</c>.</summary>
    public static void Enter(object obj, ref bool lockTaken, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (obj is null || lockTaken)
            Monitor.Enter(obj!, ref lockTaken);
        tx.EnterLock(obj!, LockKind.Monitor, Timeout.Infinite, depth, site, canStart);
        lockTaken = true;
    }

    /// <summary>In place of <c>Monitor.TryEnter(object)</c>.</summary>
    public static bool TryEnter(object obj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart) =>
        TryEnter(obj, 0, tx, depth, site, canStart);

    /// <summary>In place of <c>Monitor.TryEnter(object, int)</c>.</summary>
    public static bool TryEnter(object obj, int millisecondsTimeout, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (obj is null || millisecondsTimeout < Timeout.Infinite)
            return Monitor.TryEnter(obj!, millisecondsTimeout);
        return tx.EnterLock(obj, LockKind.Monitor, millisecondsTimeout, depth, site, canStart);
    }

    /// <summary>In place of <c>Monitor.TryEnter(object, TimeSpan)</c>.</summary>
    public static bool TryEnter(object obj, TimeSpan timeout, TxDescriptor tx, int depth, TransactionSite? site, bool canStart) =>
        TryEnter(obj, Timeouts.ToMilliseconds(timeout, () => Monitor.TryEnter(obj, timeout)), tx, depth, site, canStart);

    /// <summary>In place of <c>Monitor.TryEnter(object, ref bool)</c>.</summary>
    public static void TryEnter(object obj, ref bool lockTaken, TxDescriptor tx, int depth, TransactionSite? site, bool canStart) =>
        TryEnter(obj, 0, ref lockTaken, tx, depth, site, canStart);

    /// <summary>In place of <c>Monitor.TryEnter(object, int, ref bool)</c>.</summary>
    public static void TryEnter(object obj, int millisecondsTimeout, ref bool lockTaken, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (obj is null || lockTaken || millisecondsTimeout < Timeout.Infinite)
            Monitor.TryEnter(obj!, millisecondsTimeout, ref lockTaken);
        lockTaken = tx.EnterLock(obj!, LockKind.Monitor, millisecondsTimeout, depth, site, canStart);
    }

    /// <summary>In place of <c>Monitor.TryEnter(object, TimeSpan, ref bool)</c>.</summary>
    public static void TryEnter(object obj, TimeSpan timeout, ref bool lockTaken, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        bool taken = lockTaken;
        int milliseconds = Timeouts.ToMilliseconds(timeout, () => Monitor.TryEnter(obj, timeout, ref taken));
        TryEnter(obj, milliseconds, ref lockTaken, tx, depth, site, canStart);
    }

    /// <summary>In place of <c>Monitor.Exit(object)</c>.</summary>
    public static void Exit(object obj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (obj is null)
            Monitor.Exit(obj!);
        tx.ExitLock(obj!, LockKind.Monitor);
    }

    /// <summary>In place of <c>Monitor.IsEntered(object)</c>.</summary>
    public static bool IsEntered(object obj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (obj is null)
            return Monitor.IsEntered(obj!);
        return tx.HoldsLock(obj, LockKind.Monitor);
    }

    /// <summary>In place of <c>Monitor.Wait(object)</c>.</summary>
    public static bool Wait(object obj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart) =>
        Wait(obj, Timeout.Infinite, tx, depth, site, canStart);

    /// <summary>In place of <c>Monitor.Wait(object, int)</c>.</summary>
    public static bool Wait(object obj, int millisecondsTimeout, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (obj is null || millisecondsTimeout < Timeout.Infinite)
            return Monitor.Wait(obj!, millisecondsTimeout);
        return tx.WaitOnLock(obj, millisecondsTimeout, depth, canStart);
    }

    /// <summary>In place of <c>Monitor.Wait(object, TimeSpan)</c>.</summary>
    public static bool Wait(object obj, TimeSpan timeout, TxDescriptor tx, int depth, TransactionSite? site, bool canStart) =>
        Wait(obj, Timeouts.ToMilliseconds(timeout, () => Monitor.Wait(obj, timeout)), tx, depth, site, canStart);

    /// <summary>In place of <c>Monitor.Wait(object, int, bool)</c>.</summary>
    public static bool Wait(object obj, int millisecondsTimeout, bool exitContext, TxDescriptor tx, int depth, TransactionSite? site, bool canStart) =>
        Wait(obj, millisecondsTimeout, tx, depth, site, canStart);

    /// <summary>In place of <c>Monitor.Wait(object, TimeSpan, bool)</c>.</summary>
    public static bool Wait(object obj, TimeSpan timeout, bool exitContext, TxDescriptor tx, int depth, TransactionSite? site, bool canStart) =>
        Wait(obj, timeout, tx, depth, site, canStart);

    /// <summary>In place of <c>Monitor.Pulse(object)</c>.</summary>
    public static void Pulse(object obj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (obj is null)
            Monitor.Pulse(obj!);
        tx.PulseLock(obj!, all: false);
    }

    /// <summary>In place of <c>Monitor.PulseAll(object)</c>.</summary>
    public static void PulseAll(object obj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (obj is null)
            Monitor.PulseAll(obj!);
        tx.PulseLock(obj!, all: true);
    }
}

/// <summary>Timeouts as the real lock APIs validate them.</summary>
internal static class Timeouts
{
    /// <summary>The timeout in milliseconds; for a value the original rejects, runs <paramref name="original"/>, which throws.</summary>
    public static int ToMilliseconds(TimeSpan timeout, Action original)
    {
        long milliseconds = (long)timeout.TotalMilliseconds;
        if (milliseconds < Timeout.Infinite || milliseconds > int.MaxValue)
            original();
        return (int)milliseconds;
    }
}
