using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// The rules an anchor block must pass to extend a concentrator, substation or utility chain:
/// <see cref="ChainRules"/> under a certificate of the chain's own role (a meter key cannot sign a
/// concentrator block), then anchors of the tier below, one per child, bound by the header's root.
/// </summary>
public static class AnchorBlockValidator
{
    /// <summary>Checks <paramref name="block"/> as the next block of <paramref name="node"/>'s chain of <paramref name="role"/>.</summary>
    /// <returns>The first defect found, or null when the block may be appended.</returns>
    public static ChainDefect? Check(AnchorBlock block, DeviceRole role, DeviceId node, in ChainHead head, CertificateRegistry registry, DateTimeOffset? now, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Role != role)
        {
            return new ChainDefect(head.Height, DefectKind.WrongRole, $"block is sealed as a {Tier.NameOf(block.Role)} block, in a {Tier.NameOf(role)} chain");
        }

        if (ChainRules.Check(block, node, role, head, registry, now, maxClockSkew) is { } defect)
        {
            return defect;
        }

        return CheckAnchors(block, head.Height);
    }

    /// <summary>Checks that the anchors are of the tier below, sorted, unique and bound by the header's Merkle root.</summary>
    public static ChainDefect? CheckAnchors(AnchorBlock block, long height)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (AnchorBlock.AnchorDefect(block.Role, block.Anchors) is { } problem)
        {
            return new ChainDefect(height, DefectKind.AnchorMismatch, problem);
        }

        var root = Anchor.RootOf(block.Anchors.AsSpan());
        return root == block.Header.AnchorRoot
            ? null
            : new ChainDefect(height, DefectKind.AnchorMismatch, $"the {block.Anchors.Length} anchors hash to root {root.ToShortString()}, the signed header says {block.Header.AnchorRoot.ToShortString()}");
    }
}
