using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Engine;

/// <summary>A committed block with its payload and the certificate that proves the commit: what the host stores.</summary>
/// <param name="Block">The committed block header.</param>
/// <param name="Payload">Its payload (hashes to <see cref="ConsensusBlock.PayloadHash"/>).</param>
/// <param name="Certificate">Precommits of a quorum for the block.</param>
public sealed record Decision(ConsensusBlock Block, ReadOnlyMemory<byte> Payload, CommitCertificate Certificate)
{
    /// <summary>Height of the committed block.</summary>
    public ulong Height => Block.Height;
}
