using System.ComponentModel;
using System.Runtime.CompilerServices;
using Stm.Core;

namespace Stm.Abi;

// The runtime keys held locks by object; LockKind.Lock routes every real operation to Lock's own
// methods, never to Monitor.
#pragma warning disable CS9216

/// <summary>
/// What woven code calls instead of <see cref="Lock"/> (the C# <c>lock</c> over a <c>Lock</c>
/// compiles to <see cref="Lock.EnterScope"/> and <see cref="Lock.Scope.Dispose"/>): the instance
/// first, the original parameters, then the frame's descriptor, depth, entry site and whether the
/// call site can hold a start point, as for <see cref="ElidedMonitor"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ElidedLock
{
    /// <summary>In place of <c>Lock.Enter()</c>.</summary>
    public static void Enter(Lock lockObj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (lockObj is null)
            lockObj!.Enter();
        tx.EnterLock(lockObj, LockKind.Lock, Timeout.Infinite, depth, site, canStart);
    }

    /// <summary>In place of <c>Lock.TryEnter()</c>.</summary>
    public static bool TryEnter(Lock lockObj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart) =>
        TryEnter(lockObj, 0, tx, depth, site, canStart);

    /// <summary>In place of <c>Lock.TryEnter(int)</c>.</summary>
    public static bool TryEnter(Lock lockObj, int millisecondsTimeout, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (lockObj is null || millisecondsTimeout < Timeout.Infinite)
            return lockObj!.TryEnter(millisecondsTimeout);
        return tx.EnterLock(lockObj, LockKind.Lock, millisecondsTimeout, depth, site, canStart);
    }

    /// <summary>In place of <c>Lock.TryEnter(TimeSpan)</c>.</summary>
    public static bool TryEnter(Lock lockObj, TimeSpan timeout, TxDescriptor tx, int depth, TransactionSite? site, bool canStart) =>
        TryEnter(lockObj, Timeouts.ToMilliseconds(timeout, () => lockObj.TryEnter(timeout)), tx, depth, site, canStart);

    /// <summary>In place of <c>Lock.Exit()</c>.</summary>
    public static void Exit(Lock lockObj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (lockObj is null)
            lockObj!.Exit();
        tx.ExitLock(lockObj, LockKind.Lock);
    }

    /// <summary>In place of <c>Lock.IsHeldByCurrentThread()</c>.</summary>
    public static bool get_IsHeldByCurrentThread(Lock lockObj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        if (lockObj is null)
            return lockObj!.IsHeldByCurrentThread;
        return tx.HoldsLock(lockObj, LockKind.Lock);
    }

    /// <summary>
    /// Returns a scope that names the lock (its first field) but no owning thread: only
    /// <see cref="Dispose"/> below ends it.
    /// </summary>
    public static Lock.Scope EnterScope(Lock lockObj, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        Enter(lockObj, tx, depth, site, canStart);
        Lock.Scope scope = default;
        Unsafe.As<Lock.Scope, Lock?>(ref scope) = lockObj;
        return scope;
    }

    /// <summary><c>scope.Dispose()</c>: exits the scope's lock once, like the original (a second Dispose does nothing).</summary>
    public static void Dispose(ref Lock.Scope scope, TxDescriptor tx, int depth, TransactionSite? site, bool canStart)
    {
        ref Lock? lockObj = ref Unsafe.As<Lock.Scope, Lock?>(ref scope);
        if (lockObj is not { } held)
            return;
        lockObj = null;
        tx.ExitLock(held, LockKind.Lock);
    }
}
