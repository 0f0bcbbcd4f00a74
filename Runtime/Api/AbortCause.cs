namespace Stm;

/// <summary>Why a transaction attempt was rolled back.</summary>
public enum AbortCause
{
    /// <summary>A read met an object write-locked by another transaction and gave way.</summary>
    ReadWriteConflict,

    /// <summary>A write met an object write-locked by another transaction and gave way.</summary>
    WriteWriteConflict,

    /// <summary>Something this attempt had read was overwritten by a commit (found when extending the snapshot or at commit).</summary>
    ValidationFailed,

    /// <summary>An older (prioritized) or inevitable transaction needed an object this attempt held.</summary>
    KilledByOther,

    /// <summary>Becoming inevitable found the reads stale; the attempt restarts inevitable.</summary>
    InevitableRetry,

    /// <summary>Aborted by a test hook.</summary>
    Injected,

    /// <summary>An elided lock region found the lock really held (or had to hold it for real and found it busy); its restart waits for the lock.</summary>
    LockHeld,
}
