using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Evidence;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;

namespace SmartGrid.Consensus.Engine;

/// <summary>Checking and recording incoming messages: nothing unsigned, foreign, stale or repeated changes the state.</summary>
public sealed partial class ConsensusEngine
{
    private void Intake(ConsensusMessage message)
    {
        if (_seen.Count > 64 * _set.Count * (_options.MaxRoundsAhead + 1))
        {
            _seen.Clear();
        }

        if (message.Height < Height)
        {
            // A validator still at that height (even one resending what was seen before): it gets
            // the commits from there up at the next rebroadcast.
            if (message is not CommitAnnouncement && Height - message.Height <= (ulong)_options.CommitHistory)
            {
                _lagging.Add(message.Height);
            }

            return;
        }

        if (!_seen.Add(message.Id))
        {
            return;
        }

        if (message.Height > Height)
        {
            Hold(message);
            return;
        }

        switch (message)
        {
            case Vote vote:
                IntakeVote(vote);
                break;
            case Proposal proposal:
                IntakeProposal(proposal);
                break;
            case CommitAnnouncement commit:
                IntakeCommit(commit);
                break;
        }
    }

    private void Hold(ConsensusMessage message)
    {
        if (message is CommitAnnouncement commit)
        {
            if (_futureCommits.Count < _options.CommitHistory)
            {
                _futureCommits.TryAdd(commit.Height, commit);
            }
        }
        else if (message.Height == Height + 1 && _nextHeight.Count < _options.MaxBufferedMessages)
        {
            _nextHeight.Add(message);
        }
    }

    private bool RoundInWindow(int round) => round <= Round + _options.MaxRoundsAhead;

    private void IntakeVote(Vote vote)
    {
        var index = _set.IndexOf(vote.Validator);
        if (!RoundInWindow(vote.Round) || index < 0 || !IsSigned(vote, static (v, set) => v.IsSignedBy(set)))
        {
            return;
        }

        var state = RoundAt(vote.Round);
        if (state.Tally(vote.Type).Add(index, vote) is { } earlier)
        {
            Report(Misbehaviour.ConflictingVotes(earlier, vote));
        }

        state.Heard(index);
    }

    private void IntakeProposal(Proposal proposal)
    {
        var index = _set.IndexOf(proposal.Proposer);
        if (proposal.Payload is not { } payload || !RoundInWindow(proposal.Round) || index < 0 || !IsSigned(proposal, static (p, set) => p.IsSignedBy(set)))
        {
            return;
        }

        var state = RoundAt(proposal.Round);
        state.Heard(index);
        if (index != ProposerIndex(proposal.Round))
        {
            Report(Misbehaviour.InvalidProposal(proposal));
            return;
        }

        if (state.Proposal is { } earlier)
        {
            if (earlier.Block.Hash != proposal.Block.Hash || earlier.PolRound != proposal.PolRound)
            {
                Report(Misbehaviour.ConflictingProposals(earlier, proposal));
            }

            return;
        }

        state.Proposal = proposal;
        var candidate = Remember(proposal.Block, payload);
        if (candidate.Valid is null && BlockRules.ProvableDefect(proposal, _set, _book.Table, _book.Previous, _book.Parameters) is not null)
        {
            candidate.Valid = false;
            Report(Misbehaviour.InvalidProposal(proposal));
        }
    }

    private void IntakeCommit(CommitAnnouncement commit)
    {
        if (_certified is null && commit.PayloadMatches() && commit.Certificate.Check(_set, commit.Block) == CertificateDefect.None)
        {
            _certified = (Remember(commit.Block, commit.Payload), commit.Certificate);
        }
    }

    /// <summary>Whether <paramref name="message"/> is signed for this set, through the shared cache of verified messages when the host gave one.</summary>
    private bool IsSigned<T>(T message, Func<T, ValidatorSet, bool> verify)
        where T : ConsensusMessage =>
        _options.VerifiedMessages is { } cache
            ? cache.IsVerified(message.Id, (Message: message, Set: _set, Verify: verify), static s => s.Verify(s.Message, s.Set))
            : verify(message, _set);

    /// <summary>
    /// valid(v) of the protocol: the rules every validator checks alike, then the application's.
    /// The engine's own verdict is kept for the height; the application's "no" is asked again at
    /// the next evaluation, since it may hang on what its host has not looked up yet (a child's
    /// block in the store): remembering it would keep a validator from deciding a block the others
    /// certified. The application keeps its own verdicts, so asking again is cheap.
    /// </summary>
    private bool IsValid(Candidate candidate)
    {
        candidate.Valid ??= candidate.Block.Height == Height
            && BlockRules.ProvableDefect(candidate.Block, _set, _book.Table, _book.Previous) is null
            && candidate.Block.Observations.Length == _set.Count
            && BlockRules.EvidenceDefect(candidate.Block, _set, _book) is null;
        return candidate.Valid.Value && _application.IsValid(candidate.Block, candidate.Payload.Span);
    }
}
