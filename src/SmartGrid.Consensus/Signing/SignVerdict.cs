namespace SmartGrid.Consensus.Signing;

/// <summary>What the <see cref="SigningGuard"/> says about a message its validator is about to sign.</summary>
public enum SignVerdict
{
    /// <summary>A step after the last one signed: sign it.</summary>
    Fresh = 0,

    /// <summary>The very bytes signed last: signing them again gives the same signature, so it changes nothing.</summary>
    Repeat = 1,

    /// <summary>A step before the last one signed: refused (the validator has moved on, possibly before a restart).</summary>
    Regressed = 2,

    /// <summary>Other bytes at the step signed last: refused, it would be an equivocation.</summary>
    Conflicting = 3,

    /// <summary>A prevote for another block at the height of a lock taken before a restart: refused (the lock was forgotten, not released).</summary>
    AgainstLock = 4,
}
