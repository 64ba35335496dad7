using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Merkle;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Proofs;

/// <summary>
/// A self-contained proof that one reading is part of the ledger, up to a utility block: the
/// certificates of every signer, the meter blocks from the one holding the reading to the head a
/// concentrator anchored, and one <see cref="ProofStep"/> per tier above. Anyone holding only the
/// utility root public key checks it with <see cref="ProofVerifier"/>, without a cluster.
/// </summary>
/// <remarks>
/// Canonical layout (version 1): <c>0x16 01 | reading index varint | certificates (count varint,
/// each sized bytes) | meter blocks (count varint, each sized bytes) | steps (count varint, each:
/// Merkle proof, header count varint, each header as sized bytes)</c>. The anchors themselves are
/// not stored: each is rebuilt from the chain segment below it, so a proof cannot claim an anchor
/// other than the one its blocks imply.
/// </remarks>
/// <param name="ReadingIndex">Index of the proven reading in <c>MeterBlocks[0]</c>.</param>
/// <param name="Certificates">Certificates of the meter and of every anchoring node, issued by the utility root.</param>
/// <param name="MeterBlocks">Consecutive meter blocks, oldest first; the last is the anchored head.</param>
/// <param name="Steps">Concentrator, substation and utility steps, in that order.</param>
public sealed record ReadingProof(int ReadingIndex, ImmutableArray<DeviceCertificate> Certificates, ImmutableArray<MeterBlock> MeterBlocks, ImmutableArray<ProofStep> Steps)
{
    /// <summary>Current encoding version.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Largest proof file accepted.</summary>
    public const int MaxEncodedSize = 16 << 20;

    /// <summary>Most items of one list (certificates, blocks, headers).</summary>
    public const int MaxItems = 4096;

    /// <summary>The proven reading.</summary>
    public IntervalReading Reading => MeterBlocks[0].Profile.Readings[ReadingIndex];

    /// <summary>The canonical encoding.</summary>
    public byte[] Encode()
    {
        var writer = new CanonicalWriter(4096);
        writer.WriteHeader(RecordType.ReadingProof, FormatVersion);
        writer.WriteVarUInt64((ulong)ReadingIndex);
        writer.WriteVarUInt64((ulong)Certificates.Length);
        foreach (var certificate in Certificates)
        {
            writer.WriteSizedBytes(certificate.Encoded.Span);
        }

        writer.WriteVarUInt64((ulong)MeterBlocks.Length);
        foreach (var block in MeterBlocks)
        {
            writer.WriteSizedBytes(block.Encoded.Span);
        }

        writer.WriteVarUInt64((ulong)Steps.Length);
        foreach (var step in Steps)
        {
            step.Inclusion.WriteTo(writer);
            writer.WriteVarUInt64((ulong)step.Headers.Length);
            foreach (var header in step.Headers)
            {
                writer.WriteSizedBytes(header.Encoded.Span);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Decodes a proof. Nothing is verified here (see <see cref="ProofVerifier"/>).</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical proof.</exception>
    public static ReadingProof Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedSize)
        {
            throw new LedgerFormatException($"a proof of {bytes.Length} bytes exceeds the {MaxEncodedSize} allowed");
        }

        var reader = new CanonicalReader(bytes);
        reader.ReadHeader(RecordType.ReadingProof, FormatVersion);
        var readingIndex = reader.ReadVarCount(0, LoadProfile.MaxReadings - 1, "reading index");
        var certificates = ImmutableArray.CreateBuilder<DeviceCertificate>();
        for (var i = reader.ReadVarCount(1, MaxItems, "certificates"); i > 0; i--)
        {
            certificates.Add(DeviceCertificate.Decode(reader.ReadSizedBytes(MaxEncodedSize)));
        }

        var blocks = ImmutableArray.CreateBuilder<MeterBlock>();
        for (var i = reader.ReadVarCount(1, MaxItems, "meter blocks"); i > 0; i--)
        {
            blocks.Add(MeterBlock.Decode(reader.ReadSizedBytes(MeterBlock.MaxEncodedSize)));
        }

        var steps = ImmutableArray.CreateBuilder<ProofStep>();
        for (var i = reader.ReadVarCount(0, 8, "steps"); i > 0; i--)
        {
            var inclusion = MerkleProof.ReadFrom(ref reader);
            var headers = ImmutableArray.CreateBuilder<AnchorBlockHeader>();
            for (var j = reader.ReadVarCount(1, MaxItems, "headers"); j > 0; j--)
            {
                headers.Add(AnchorBlockHeader.Decode(reader.ReadSizedBytes(MaxEncodedSize)));
            }

            steps.Add(new ProofStep(inclusion, headers.ToImmutable()));
        }

        reader.EnsureEnd("reading proof");
        return new ReadingProof(readingIndex, certificates.ToImmutable(), blocks.ToImmutable(), steps.ToImmutable());
    }
}
