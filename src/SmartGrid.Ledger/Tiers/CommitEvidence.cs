using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// What an anchor block sealed with <see cref="CommitScheme.CommitCertificate"/> carries after its
/// anchors: the validator set that committed it, the consensus height, the consensus block header
/// the validators agreed on (whose payload is the anchor block's <see cref="AnchorBlock.Body"/>) and
/// the commit certificate of that header. The ledger keeps the two consensus records opaque; an
/// <see cref="ICommitEvidenceVerifier"/> (in SmartGrid.Consensus) decodes and checks them.
/// </summary>
/// <remarks>
/// Layout (record <c>0x18</c>, version 1; POEF.md §9.1):
/// <c>0x18 01 | set id (32) | height u64 | consensus block header (sized) | commit certificate (sized)</c>.
/// The evidence is outside the signed header and the block hash: it proves itself, and a block has
/// the same hash whichever valid certificate of its commit is stored with it.
/// </remarks>
public sealed class CommitEvidence
{
    /// <summary>Current encoding version.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Largest consensus block header carried (the consensus limit, 1 MiB).</summary>
    public const int MaxConsensusHeaderSize = 1 << 20;

    /// <summary>Largest commit certificate carried (1,024 validators at 66 bytes each, with room to spare).</summary>
    public const int MaxCertificateSize = 1 << 17;

    private readonly byte[] _encoded;
    private readonly byte[] _consensusHeader;
    private readonly byte[] _certificate;

    private CommitEvidence(Hash256 setId, ulong height, byte[] consensusHeader, byte[] certificate, byte[] encoded)
    {
        SetId = setId;
        Height = height;
        _consensusHeader = consensusHeader;
        _certificate = certificate;
        _encoded = encoded;
    }

    /// <summary>Id of the validator set that committed the block (SHA-256 of its canonical encoding).</summary>
    public Hash256 SetId { get; }

    /// <summary>Consensus height at which the block was committed.</summary>
    public ulong Height { get; }

    /// <summary>The encoded consensus block header (record <c>0x20</c>) the validators agreed on.</summary>
    public ReadOnlyMemory<byte> ConsensusHeader => _consensusHeader;

    /// <summary>The encoded commit certificate (record <c>0x23</c>) of <see cref="ConsensusHeader"/>.</summary>
    public ReadOnlyMemory<byte> Certificate => _certificate;

    /// <summary>The canonical encoding.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>Assembles evidence from its fields. Nothing about the consensus records is checked here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A record is larger than its limit.</exception>
    public static CommitEvidence Create(Hash256 setId, ulong height, ReadOnlySpan<byte> consensusHeader, ReadOnlySpan<byte> certificate)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(consensusHeader.Length, MaxConsensusHeaderSize, nameof(consensusHeader));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(certificate.Length, MaxCertificateSize, nameof(certificate));
        var writer = new CanonicalWriter(64 + consensusHeader.Length + certificate.Length);
        writer.WriteHeader(RecordType.CommitEvidence, FormatVersion);
        writer.WriteBytes(setId.Span);
        writer.WriteUInt64(height);
        writer.WriteSizedBytes(consensusHeader);
        writer.WriteSizedBytes(certificate);
        return new CommitEvidence(setId, height, consensusHeader.ToArray(), certificate.ToArray(), writer.ToArray());
    }

    /// <summary>
    /// Reads the evidence from <paramref name="reader"/>, leaving it after the certificate. Offsets
    /// in the exception are those of the enclosing bytes (the whole stored block).
    /// </summary>
    /// <exception cref="LedgerFormatException">The bytes are truncated or not canonical evidence.</exception>
    public static CommitEvidence ReadFrom(ref CanonicalReader reader)
    {
        var start = reader.Position;
        reader.ReadHeader(RecordType.CommitEvidence, FormatVersion);
        var setId = new Hash256(reader.ReadBytes(Hash256.Size));
        var height = reader.ReadUInt64();
        var consensusHeader = reader.ReadSizedBytes(MaxConsensusHeaderSize).ToArray();
        var certificate = reader.ReadSizedBytes(MaxCertificateSize).ToArray();
        var encoded = reader.Consumed[start..].ToArray();
        return new CommitEvidence(setId, height, consensusHeader, certificate, encoded);
    }

    /// <inheritdoc />
    public override string ToString() => $"commit evidence h{Height} set {SetId.ToShortString()} ({_certificate.Length}-byte certificate)";
}
