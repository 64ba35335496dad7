using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Consensus;

/// <summary>
/// Where a validator keeps the blocks it committed: a chain of its own in the ledger store, one
/// record per height (a commit announcement: header, payload, certificate), paged like every chain.
/// </summary>
/// <remarks>
/// The kind is outside the device roles on purpose: tier audits and proofs list chains by role and
/// never read these. The committed anchor chain carries its certificates itself (commit scheme 1,
/// stored by its node); this per-validator copy is what a validator resumes its engine from, and
/// what it answers a node that missed a commit notice with.
/// </remarks>
public static class ValidatorChains
{
    /// <summary>The chain kind of committed consensus records (0x20, the first consensus record type).</summary>
    public const DeviceRole Kind = (DeviceRole)0x20;

    /// <summary>
    /// The chain of <paramref name="validator"/> in the set <paramref name="setId"/>:
    /// <c>{first 16 hex digits of the set id}:{validator}</c>, or null when that is longer than a device id may be.
    /// </summary>
    public static ChainId? Of(Hash256 setId, DeviceId validator) =>
        DeviceId.TryParse($"{setId.ToString()[..16]}:{validator.Value}", out var node, out _) ? new ChainId(Kind, node) : null;
}
