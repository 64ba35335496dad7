using System.Collections.Immutable;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Ledger.Storage;

/// <summary>The result of auditing every chain in a store.</summary>
public sealed record AuditReport
{
    /// <summary>Chains verified.</summary>
    public required long Chains { get; init; }

    /// <summary>Blocks verified.</summary>
    public required long Blocks { get; init; }

    /// <summary>Readings in the blocks that decoded.</summary>
    public required long Readings { get; init; }

    /// <summary>Reports of the chains with at least one defect, in chain order.</summary>
    public required ImmutableArray<(ChainId Chain, ChainReport Report)> DefectiveChains { get; init; }

    /// <summary>Chains, blocks and anchors per tier (tiers with no chain are left out).</summary>
    public ImmutableSortedDictionary<Pki.DeviceRole, TierAudit> Tiers { get; init; } = ImmutableSortedDictionary<Pki.DeviceRole, TierAudit>.Empty;

    /// <summary>Total number of defects.</summary>
    public long DefectCount => DefectiveChains.Sum(c => (long)c.Report.Defects.Length);

    /// <summary>Whether nothing was found.</summary>
    public bool IsClean => DefectiveChains.IsEmpty;
}
