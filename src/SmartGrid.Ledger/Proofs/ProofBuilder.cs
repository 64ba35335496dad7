using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Proofs;

/// <summary>
/// Builds a <see cref="ReadingProof"/> from a ledger store, offline: finds the meter block holding
/// the reading, then at each tier the first block that anchors the segment below at or after it.
/// </summary>
/// <remarks>
/// Anchoring chains are scanned in full (one pass per tier); the store needs no index, which suits
/// the command line. The builder trusts nothing it reads: the result is checked by
/// <see cref="ProofVerifier"/> like any other proof.
/// </remarks>
public sealed class ProofBuilder
{
    private readonly ILedgerStore _ledger;
    private readonly IPkiStore _pki;

    /// <summary>Creates a builder over a store.</summary>
    public ProofBuilder(ILedgerStore ledger, IPkiStore pki)
    {
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _pki = pki ?? throw new ArgumentNullException(nameof(pki));
    }

    /// <summary>
    /// The proof of <paramref name="meter"/>'s reading covering <paramref name="time"/>, or of its
    /// latest reading when <paramref name="time"/> is null.
    /// </summary>
    /// <exception cref="ProofUnavailableException">No such reading, or it is not anchored up to the utility yet.</exception>
    public async Task<ReadingProof> BuildAsync(DeviceId meter, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        var meterChain = ChainId.Meter(meter);
        var blocks = new List<MeterBlock>();
        await foreach (var entry in _ledger.ReadAsync(meterChain, 0, cancellationToken).ConfigureAwait(false))
        {
            blocks.Add(Decode(meterChain, entry, MeterBlock.Decode));
        }

        if (blocks.Count == 0)
        {
            throw new ProofUnavailableException(ProofUnavailableReason.UnknownMeter, $"the store holds no chain for meter '{meter}'");
        }

        var (blockIndex, readingIndex) = Locate(blocks, meter, time);
        var signers = new List<(DeviceRole, DeviceId)> { (DeviceRole.Meter, meter) };

        // Meter segment: from the reading's block to the head a concentrator anchored.
        var (concentrator, concentratorBlocks, at, anchored) = await FindAnchoringAsync(DeviceRole.Meter, meter, blocks[blockIndex].Sequence, cancellationToken).ConfigureAwait(false);
        var meterSegment = Segment(blocks.Cast<ISignedBlock>().ToList(), DeviceRole.Meter, meter, blockIndex, anchored);
        var steps = ImmutableArray.CreateBuilder<ProofStep>(3);
        var current = (Role: DeviceRole.Concentrator, Node: concentrator, Blocks: concentratorBlocks, At: at);
        while (true)
        {
            signers.Add((current.Role, current.Node));
            var anchoringBlock = current.Blocks[current.At];
            var index = anchoringBlock.IndexOf(anchored.Child);
            if (current.Role == DeviceRole.Utility)
            {
                // The utility's segment ends at the anchoring block itself.
                steps.Add(new ProofStep(anchoringBlock.ProveAnchor(index), [anchoringBlock.Header]));
                break;
            }

            var (parent, parentBlocks, parentAt, parentAnchor) = await FindAnchoringAsync(current.Role, current.Node, anchoringBlock.Sequence, cancellationToken).ConfigureAwait(false);
            var headers = Segment(current.Blocks.Cast<ISignedBlock>().ToList(), current.Role, current.Node, current.At, parentAnchor);
            steps.Add(new ProofStep(anchoringBlock.ProveAnchor(index), [.. headers.Cast<AnchorBlock>().Select(b => b.Header)]));
            anchored = parentAnchor;
            current = (Tier.ParentOf(current.Role)!.Value, parent, parentBlocks, parentAt);
        }

        var certificates = ImmutableArray.CreateBuilder<DeviceCertificate>();
        // Appliance reports inside the meter blocks are checked under their appliances' certificates.
        foreach (var appliance in meterSegment.Cast<MeterBlock>().SelectMany(b => b.Reports).Select(r => r.ApplianceId).Distinct().Order())
        {
            signers.Add((DeviceRole.Appliance, appliance));
        }

        foreach (var (role, node) in signers)
        {
            await foreach (var bytes in _pki.ReadCertificatesAsync(node, cancellationToken).ConfigureAwait(false))
            {
                certificates.Add(DeviceCertificate.Decode(bytes.Span));
            }
        }

        return new ReadingProof(readingIndex, certificates.ToImmutable(), [.. meterSegment.Cast<MeterBlock>()], steps.ToImmutable());
    }

    private static (int Block, int Reading) Locate(List<MeterBlock> blocks, DeviceId meter, DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            return (blocks.Count - 1, blocks[^1].Profile.Readings.Length - 1);
        }

        for (var b = blocks.Count - 1; b >= 0; b--)
        {
            var readings = blocks[b].Profile.Readings;
            for (var r = 0; r < readings.Length; r++)
            {
                if (readings[r].Start <= t && t < readings[r].End)
                {
                    return (b, r);
                }
            }
        }

        throw new ProofUnavailableException(ProofUnavailableReason.NoReading, $"no reading of meter '{meter}' covers {t:O} (its readings run from {blocks[0].Profile.Start:O} to {blocks[^1].Profile.End:O})");
    }

    // The first block, across the chains of the tier above, that anchors `child` at or after `minSequence`.
    private async Task<(DeviceId Node, List<AnchorBlock> Blocks, int At, Anchor Anchor)> FindAnchoringAsync(DeviceRole childRole, DeviceId child, ulong minSequence, CancellationToken cancellationToken)
    {
        var parentRole = Tier.ParentOf(childRole) ?? throw new InvalidOperationException($"nothing anchors {Tier.NameOf(childRole)} chains");
        (DeviceId, List<AnchorBlock>, int, Anchor)? best = null;
        await foreach (var chain in _ledger.ListChainsAsync(parentRole, cancellationToken).ConfigureAwait(false))
        {
            var blocks = new List<AnchorBlock>();
            var found = -1;
            Anchor anchor = default;
            await foreach (var entry in _ledger.ReadAsync(chain, 0, cancellationToken).ConfigureAwait(false))
            {
                var block = Decode(chain, entry, AnchorBlock.Decode);
                blocks.Add(block);
                var index = found < 0 ? block.IndexOf(child) : -1;
                if (index >= 0 && block.Anchors[index].Sequence >= minSequence)
                {
                    found = blocks.Count - 1;
                    anchor = block.Anchors[index];
                }
            }

            if (found >= 0 && (best is null || blocks[found].Timestamp < best.Value.Item2[best.Value.Item3].Timestamp))
            {
                best = (chain.Node, blocks, found, anchor);
            }
        }

        return best ?? throw new ProofUnavailableException(
            ProofUnavailableReason.NotYetAnchored,
            $"{Tier.NameOf(childRole)} '{child}' block {minSequence} is not anchored by any {Tier.NameOf(parentRole)} yet; let the tiers seal and try again");
    }

    private static List<ISignedBlock> Segment(List<ISignedBlock> blocks, DeviceRole role, DeviceId node, int from, Anchor anchored)
    {
        var to = anchored.Sequence < (ulong)blocks.Count ? (int)anchored.Sequence : -1;
        if (to < from || blocks[to].Hash != anchored.Head)
        {
            throw new ProofUnavailableException(
                ProofUnavailableReason.StoreDefect,
                $"{Tier.NameOf(role)} '{node}' block {anchored.Sequence} as stored is not the one the tier above anchored ({anchored.Head.ToShortString()}); run smartgrid audit");
        }

        return blocks.GetRange(from, to - from + 1);
    }

    private static T Decode<T>(ChainId chain, LedgerEntry entry, DecodeBlock<T> decode)
    {
        try
        {
            return decode(entry.Bytes.Span);
        }
        catch (LedgerFormatException ex)
        {
            throw new ProofUnavailableException(ProofUnavailableReason.StoreDefect, $"{chain} block {entry.Height} does not decode ({ex.Message}); run smartgrid audit");
        }
    }

    private delegate T DecodeBlock<out T>(ReadOnlySpan<byte> bytes);
}
