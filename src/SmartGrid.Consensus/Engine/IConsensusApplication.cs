using SmartGrid.Consensus.Messages;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Engine;

/// <summary>
/// The application a validator commits blocks for. Both methods must be deterministic functions of
/// committed data and their arguments: every honest validator must judge a block alike.
/// </summary>
public interface IConsensusApplication
{
    /// <summary>
    /// Whether the application has content for a new block at <paramref name="height"/>. When it has
    /// not, a validator drawn to propose holds back (the round may time out) until the host calls
    /// <see cref="ConsensusEngine.ProposeIfDrawn"/>. Always true unless the application says otherwise.
    /// </summary>
    bool ReadyToPropose(ulong height) => true;

    /// <summary>The content of a new block at <paramref name="height"/> above <paramref name="previous"/>, when this validator proposes.</summary>
    BlockContent BuildBlock(ulong height, Hash256 previous);

    /// <summary>
    /// Whether the application accepts the block: its payload, observations and rewards. The engine
    /// has already checked the set, height, previous hash, efficiency claim, evidence and that the
    /// payload hashes to <see cref="ConsensusBlock.PayloadHash"/>.
    /// </summary>
    bool IsValid(ConsensusBlock block, ReadOnlySpan<byte> payload);

    /// <summary>
    /// Called by the engine when it decides a block, before it builds or judges any block of the
    /// next height, so the application's view of committed data is never a height behind. Blocks an
    /// engine resumes from (its constructor) are not replayed here: the host restores the application for them.
    /// </summary>
    void OnCommitted(ConsensusBlock block, ReadOnlySpan<byte> payload)
    {
    }
}
