using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Certificates;

/// <summary>
/// Checks the commit evidence of anchor blocks against known validator sets, offline (POEF.md §9.1):
/// the set the evidence names must be known and commit the block's chain; the consensus block
/// header must be of that set and height and commit the anchor block's <see cref="AnchorBlock.Body"/>
/// as its payload; and the certificate must hold valid precommits of that header by a quorum (2f+1)
/// of the set. Given to the <see cref="Ledger.Storage.LedgerAuditor"/>.
/// </summary>
public sealed class AnchorCommitVerifier : ICommitEvidenceVerifier
{
    private readonly Dictionary<Hash256, (ValidatorSet Set, int Epoch)> _sets;
    private readonly Dictionary<DeviceId, (long Height, int Epoch, Hash256 Set)> _latest = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// Creates a verifier that knows <paramref name="sets"/> (by set id; a set given twice counts
    /// once), each chain's sets in the order of their epochs (POEF.md §11.1), as
    /// <c>StoredValidatorSets.LoadAsync</c> gives them.
    /// </summary>
    /// <remarks>
    /// A chain's blocks checked in the order of their heights must be committed by sets of
    /// non-decreasing epochs: once a set took over, a block certified by one it replaced is a
    /// defect, whatever its certificate.
    /// </remarks>
    public AnchorCommitVerifier(IEnumerable<ValidatorSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        _sets = [];
        var epochs = new Dictionary<DeviceId, int>();
        foreach (var set in sets)
        {
            if (!_sets.ContainsKey(set.Id))
            {
                var epoch = epochs.GetValueOrDefault(set.Chain);
                epochs[set.Chain] = epoch + 1;
                _sets[set.Id] = (set, epoch);
            }
        }
    }

    /// <summary>The evidence to store with an anchor block committed as <paramref name="block"/>'s payload, proven by <paramref name="certificate"/>.</summary>
    public static CommitEvidence Evidence(ConsensusBlock block, CommitCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(certificate);
        return CommitEvidence.Create(block.SetId, block.Height, block.Encoded.Span, certificate.Encoded.Span);
    }

    /// <inheritdoc />
    public ChainDefect? Verify(AnchorBlock block, long height)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Evidence is not { } evidence)
        {
            return new ChainDefect(height, DefectKind.CommitCertificateInvalid, "the block says a validator set committed it but carries no commit evidence");
        }

        if (!_sets.TryGetValue(evidence.SetId, out var known))
        {
            return new ChainDefect(height, DefectKind.CommitCertificateUnverifiable, $"the validator set {evidence.SetId.ToShortString()} is not known to the audit");
        }

        var (set, epoch) = known;

        if (set.Chain != block.Node)
        {
            return new ChainDefect(height, DefectKind.CommitCertificateInvalid, $"the validator set {evidence.SetId.ToShortString()} commits the chain of {set.Chain}, not of {block.Node}");
        }

        ConsensusBlock header;
        CommitCertificate certificate;
        try
        {
            header = ConsensusBlock.Decode(evidence.ConsensusHeader.Span);
        }
        catch (LedgerFormatException ex)
        {
            return new ChainDefect(height, DefectKind.CommitCertificateInvalid, $"the consensus block header does not decode at its byte {ex.Offset}: {ex.Message}");
        }

        try
        {
            certificate = CommitCertificate.Decode(evidence.Certificate.Span);
        }
        catch (LedgerFormatException ex)
        {
            return new ChainDefect(height, DefectKind.CommitCertificateInvalid, $"the commit certificate does not decode at its byte {ex.Offset}: {ex.Message}");
        }

        var body = Hash256.Compute(block.Body.Span);
        if (header.PayloadHash != body)
        {
            return new ChainDefect(height, DefectKind.CommitCertificateWrongBlock, $"the consensus block commits payload {header.PayloadHash.ToShortString()}, but this block's header and anchors hash to {body.ToShortString()}");
        }

        if (header.SetId != evidence.SetId || header.Height != evidence.Height)
        {
            return new ChainDefect(height, DefectKind.CommitCertificateWrongBlock, $"the consensus block is height {header.Height} of set {header.SetId.ToShortString()}, the evidence names height {evidence.Height} of set {evidence.SetId.ToShortString()}");
        }

        return certificate.Check(set, header) switch
        {
            CertificateDefect.None => EpochDefect(block.Node, height, epoch, set.Id),
            CertificateDefect.TooFewSignatures => new ChainDefect(height, DefectKind.CommitCertificateTooFewSignatures, $"{certificate.Signatures.Length} signatures; the set of {set.Count} needs {set.Quorum}"),
            CertificateDefect.WrongBlock => new ChainDefect(height, DefectKind.CommitCertificateWrongBlock, $"the certificate is for block {certificate.BlockId.ToShortString()} at height {certificate.Height}, not {header.Hash.ToShortString()} at height {header.Height}"),
            var defect => new ChainDefect(height, DefectKind.CommitCertificateInvalid, $"the certificate does not prove the commit: {defect}"),
        };
    }

    // A set that was replaced commits nothing after a block of the set that replaced it.
    private ChainDefect? EpochDefect(DeviceId chain, long height, int epoch, Hash256 set)
    {
        lock (_gate)
        {
            if (_latest.TryGetValue(chain, out var latest) && height > latest.Height && epoch < latest.Epoch)
            {
                return new ChainDefect(height, DefectKind.CommitCertificateInvalid, $"committed by set {set.ToShortString()} (epoch {epoch}) after set {latest.Set.ToShortString()} (epoch {latest.Epoch}) took the chain over at or before height {latest.Height}");
            }

            if (!_latest.TryGetValue(chain, out latest) || height > latest.Height)
            {
                _latest[chain] = (height, Math.Max(epoch, latest.Epoch), epoch >= latest.Epoch ? set : latest.Set);
            }

            return null;
        }
    }
}
