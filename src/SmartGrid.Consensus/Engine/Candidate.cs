using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Engine;

/// <summary>A block of the current height whose payload is known, with its validity once judged.</summary>
internal sealed class Candidate(ConsensusBlock block, ReadOnlyMemory<byte> payload)
{
    public ConsensusBlock Block { get; } = block;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    /// <summary>Null until judged.</summary>
    public bool? Valid { get; set; }
}
