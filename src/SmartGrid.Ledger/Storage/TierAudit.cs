namespace SmartGrid.Ledger.Storage;

/// <summary>What an audit found at one tier.</summary>
/// <param name="Chains">Chains of the tier.</param>
/// <param name="Blocks">Blocks verified at the tier.</param>
/// <param name="Anchors">Anchors the tier's blocks carry (each checked against the tier below); at the meter tier, the appliance reports its authentic blocks carry (each checked against its appliance's chain).</param>
public readonly record struct TierAudit(long Chains, long Blocks, long Anchors);
