using System.Collections.Immutable;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Ledger.Chain;

/// <summary>The result of verifying a whole chain from its first block.</summary>
/// <param name="Device">The chain's device.</param>
/// <param name="BlocksChecked">Number of stored blocks examined.</param>
/// <param name="ReadingsChecked">Number of interval readings in the blocks that decoded.</param>
/// <param name="Head">Hash of the last stored block (as stored, even if defective).</param>
/// <param name="Defects">Every defect found, in height order; empty when the chain is valid.</param>
public sealed record ChainReport(DeviceId Device, long BlocksChecked, long ReadingsChecked, Hash256 Head, ImmutableArray<ChainDefect> Defects)
{
    /// <summary>Whether no defect was found.</summary>
    public bool IsValid => Defects.IsDefaultOrEmpty;

    /// <summary>The first defect, the earliest altered or missing record, or null.</summary>
    public ChainDefect? FirstDefect => IsValid ? null : Defects[0];
}
