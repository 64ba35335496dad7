using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Engine;

/// <summary>What a validator knows of one round of the current height.</summary>
internal sealed class RoundState
{
    private readonly bool[] _senders;

    public RoundState(int validators)
    {
        _senders = new bool[validators];
        Prevotes = new VoteTally(validators);
        Precommits = new VoteTally(validators);
    }

    /// <summary>The proposal of the round's drawn proposer, once received.</summary>
    public Proposal? Proposal { get; set; }

    public VoteTally Prevotes { get; }

    public VoteTally Precommits { get; }

    /// <summary>Distinct validators heard from in this round (for the round skip on f+1).</summary>
    public int SenderCount { get; private set; }

    public bool PrevoteTimeoutStarted { get; set; }

    public bool PrecommitTimeoutStarted { get; set; }

    /// <summary>Whether the prevote quorum for the proposal was acted on (lock or valid value).</summary>
    public bool QuorumSeen { get; set; }

    public VoteTally Tally(VoteType type) => type == VoteType.Prevote ? Prevotes : Precommits;

    public void Heard(int index)
    {
        if (!_senders[index])
        {
            _senders[index] = true;
            SenderCount++;
        }
    }
}
