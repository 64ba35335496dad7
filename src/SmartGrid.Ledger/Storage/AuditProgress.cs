namespace SmartGrid.Ledger.Storage;

/// <summary>How far an audit has come.</summary>
/// <param name="Chains">Chains verified so far.</param>
/// <param name="Blocks">Blocks verified so far.</param>
/// <param name="Defects">Defects found so far.</param>
public readonly record struct AuditProgress(long Chains, long Blocks, long Defects);
