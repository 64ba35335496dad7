using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Proofs;

/// <summary>
/// Checks a <see cref="ReadingProof"/> offline with nothing but the utility root public key:
/// every certificate is the root's, every block is signed under a certificate of its tier's role
/// valid when it was signed, each segment is a run of linked blocks, and each tier's first header
/// anchors the head of the segment below by Merkle path, up to a utility block.
/// </summary>
/// <remarks>
/// A proof shows that the reading was anchored by the utility chain at the proof's last block; it
/// cannot show a revocation the prover left out, so a verifier that needs revocation status passes
/// the utility's revocation list: a block signed under a certificate revoked before the block's
/// time then fails the proof.
/// </remarks>
public static class ProofVerifier
{
    private static readonly DeviceRole[] StepRoles = [DeviceRole.Concentrator, DeviceRole.Substation, DeviceRole.Utility];

    /// <summary>How far an anchoring block may be timestamped before the block it anchors (clock skew between nodes).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Decodes and verifies proof bytes; bad bytes give an invalid result, never an exception.</summary>
    public static ProofVerification Verify(ReadOnlySpan<byte> proofBytes, PublicKey rootKey, IEnumerable<CertificateRevocation>? revocations = null)
    {
        ReadingProof proof;
        try
        {
            proof = ReadingProof.Decode(proofBytes);
        }
        catch (LedgerFormatException ex)
        {
            return ProofVerification.Invalid(null, $"not a reading proof: {ex.Message}");
        }

        return Verify(proof, rootKey, revocations);
    }

    /// <summary>Verifies a decoded proof against <paramref name="rootKey"/> and, when given, the utility's revocation list.</summary>
    public static ProofVerification Verify(ReadingProof proof, PublicKey rootKey, IEnumerable<CertificateRevocation>? revocations = null)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(rootKey);
        var registry = new CertificateRegistry(rootKey);
        foreach (var certificate in proof.Certificates)
        {
            var admission = registry.Add(certificate);
            if (admission is not (CertificateAdmission.Accepted or CertificateAdmission.AlreadyKnown))
            {
                return ProofVerification.Invalid(certificate.Role, $"{certificate}: {admission}");
            }
        }

        foreach (var revocation in revocations ?? [])
        {
            // Revocations of certificates the proof does not use are irrelevant; forged ones are refused.
            if (registry.AddRevocation(revocation) == CertificateAdmission.BadIssuerSignature)
            {
                return ProofVerification.Invalid(null, $"the revocation of '{revocation.Subject}' #{revocation.Serial} is not signed by the root");
            }
        }

        var meterBlocks = proof.MeterBlocks;
        if (meterBlocks.IsDefaultOrEmpty)
        {
            return ProofVerification.Invalid(DeviceRole.Meter, "the proof holds no meter block");
        }

        var first = meterBlocks[0];
        var meter = first.MeterId;
        if (proof.ReadingIndex >= first.Profile.Readings.Length)
        {
            return ProofVerification.Invalid(DeviceRole.Meter, $"reading index {proof.ReadingIndex} is outside block {first.Sequence}'s {first.Profile.Readings.Length} readings", meter);
        }

        var path = new List<string>();
        if (CheckSegment(DeviceRole.Meter, meterBlocks.CastArray<ISignedBlock>(), registry) is { } meterFailure)
        {
            return ProofVerification.Invalid(DeviceRole.Meter, meterFailure, meter);
        }

        path.Add(ProofVerification.Describe(DeviceRole.Meter, first));
        ISignedBlock below = meterBlocks[^1];
        var belowRole = DeviceRole.Meter;
        if (proof.Steps.Length != StepRoles.Length)
        {
            return ProofVerification.Invalid(null, $"the proof has {proof.Steps.Length} tier steps; a proof up to the utility has {StepRoles.Length}", meter);
        }

        for (var i = 0; i < StepRoles.Length; i++)
        {
            var role = StepRoles[i];
            var step = proof.Steps[i];
            if (step.Headers.IsDefaultOrEmpty)
            {
                return ProofVerification.Invalid(role, $"the {Tier.NameOf(role)} step holds no block", meter);
            }

            var anchoring = step.Headers[0];
            var anchor = Anchor.Of(belowRole, below);
            if (anchoring.Role != role)
            {
                return ProofVerification.Invalid(role, $"{anchoring} stands where a {Tier.NameOf(role)} block belongs", meter);
            }

            if (step.Inclusion.TreeSize != anchoring.AnchorCount || !step.Inclusion.Verify(anchor.LeafHash(), anchoring.AnchorRoot))
            {
                return ProofVerification.Invalid(role, $"{anchoring} does not anchor {anchor}: the Merkle path does not lead to its anchor root", meter);
            }

            if (below.Timestamp - anchoring.Timestamp > MaxClockSkew)
            {
                return ProofVerification.Invalid(role, $"{anchoring} is sealed {anchoring.Timestamp:O}, before the block it anchors ({below.Timestamp:O})", meter);
            }

            if (CheckSegment(role, step.Headers.CastArray<ISignedBlock>(), registry) is { } failure)
            {
                return ProofVerification.Invalid(role, failure, meter);
            }

            path.Add(ProofVerification.Describe(role, anchoring));
            below = step.Headers[^1];
            belowRole = role;
        }

        return new ProofVerification
        {
            IsValid = true,
            Meter = meter,
            Reading = proof.Reading,
            Profile = first.Profile,
            MeterSequence = first.Sequence,
            UtilityBlock = (AnchorBlockHeader)below,
            Path = path,
        };
    }

    // A run of consecutive blocks of one signer, each under a certificate of the tier's role.
    private static string? CheckSegment(DeviceRole role, ImmutableArray<ISignedBlock> blocks, CertificateRegistry registry)
    {
        var first = blocks[0];
        if (first.Sequence > long.MaxValue)
        {
            return $"{ProofVerification.Describe(role, first)}: sequence out of range";
        }

        var head = new ChainHead((long)first.Sequence, first.Previous, null, null);
        foreach (var block in blocks)
        {
            var defect = block is MeterBlock meterBlock
                ? MeterBlockValidator.Check(meterBlock, first.Signer, head, registry, now: null, MaxClockSkew)
                : ChainRules.Check(block, first.Signer, role, head, registry, now: null, MaxClockSkew);
            if (defect is not null)
            {
                return $"{ProofVerification.Describe(role, block)}: {defect.Kind}: {defect.Message}";
            }

            head = head.Advance(block);
        }

        return null;
    }
}
