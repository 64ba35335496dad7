using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Engine;

/// <summary>The upon-rules of docs/POEF.md §7, applied until none fires (the numbers are the lines of Tendermint's Algorithm 1).</summary>
public sealed partial class ConsensusEngine
{
    private void Evaluate()
    {
        var changed = true;
        while (changed)
        {
            changed = TryDecide() || TrySkipRound() || ApplyRoundRules() || TryRaiseValidValue();
        }
    }

    /// <summary>Line 49: a quorum of precommits for a known, valid block in any round decides it.</summary>
    private bool TryDecide()
    {
        if (_certified is { } certified && IsValid(certified.Block))
        {
            Decide(certified.Block, certified.Certificate);
            return true;
        }

        foreach (var (round, state) in _rounds)
        {
            foreach (var blockId in state.Precommits.WithQuorum(_set.Quorum))
            {
                if (_candidates.TryGetValue(blockId, out var candidate) && IsValid(candidate))
                {
                    Decide(candidate, CommitCertificate.FromPrecommits(_set, state.Precommits.For(blockId)));
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Line 55: f+1 validators in a later round means at least one honest one is there: join it.</summary>
    private bool TrySkipRound()
    {
        var target = -1;
        foreach (var (round, state) in _rounds)
        {
            if (round > Round && round > target && state.SenderCount >= _set.Honest)
            {
                target = round;
            }
        }

        if (target < 0)
        {
            return false;
        }

        StartRound(target);
        return true;
    }

    private bool ApplyRoundRules()
    {
        var state = RoundAt(Round);
        var proposal = state.Proposal;
        var candidate = proposal is null ? null : _candidates[proposal.Block.Hash];
        var quorum = _set.Quorum;
        var changed = false;

        if (Step == RoundStep.Propose && proposal is not null && candidate is not null)
        {
            var id = proposal.Block.Hash;
            if (proposal.PolRound < 0)
            {
                // Line 22: a fresh proposal is prevoted if valid and not against the lock.
                CastVote(VoteType.Prevote, IsValid(candidate) && (LockedRound < 0 || _locked == candidate) ? id : null);
                Step = RoundStep.Prevote;
                changed = true;
            }
            else if (proposal.PolRound < Round && RoundAt(proposal.PolRound).Prevotes.Count(id) >= quorum)
            {
                // Line 28: a re-proposal backed by a prevote quorum of its round frees a lock taken no later.
                CastVote(VoteType.Prevote, IsValid(candidate) && (LockedRound <= proposal.PolRound || _locked == candidate) ? id : null);
                Step = RoundStep.Prevote;
                changed = true;
            }
        }

        if (Step == RoundStep.Prevote && !state.PrevoteTimeoutStarted && state.Prevotes.Total >= quorum)
        {
            // Line 34.
            state.PrevoteTimeoutStarted = true;
            _output.Schedule(new TimeoutRequest(Height, Round, TimeoutKind.Prevote, _options.TimeoutOf(TimeoutKind.Prevote, Round)));
        }

        if (Step >= RoundStep.Prevote && !state.QuorumSeen && proposal is not null && candidate is not null
            && state.Prevotes.Count(proposal.Block.Hash) >= quorum && IsValid(candidate))
        {
            // Line 36: lock on the block and precommit it; remember it as the valid value either way.
            state.QuorumSeen = true;
            if (Step == RoundStep.Prevote)
            {
                _locked = candidate;
                LockedRound = Round;
                CastVote(VoteType.Precommit, proposal.Block.Hash);
                Step = RoundStep.Precommit;
            }

            _valid = candidate;
            ValidRound = Round;
            changed = true;
        }

        if (Step == RoundStep.Prevote && state.Prevotes.Count(null) >= quorum)
        {
            // Line 44.
            CastVote(VoteType.Precommit, null);
            Step = RoundStep.Precommit;
            changed = true;
        }

        if (!state.PrecommitTimeoutStarted && state.Precommits.Total >= quorum)
        {
            // Line 47.
            state.PrecommitTimeoutStarted = true;
            _output.Schedule(new TimeoutRequest(Height, Round, TimeoutKind.Precommit, _options.TimeoutOf(TimeoutKind.Precommit, Round)));
        }

        return changed;
    }

    /// <summary>
    /// The valid value follows the highest round up to the current one with a proposal and a
    /// prevote quorum for it, not only the current round's (docs/POEF.md §7.3). It changes no
    /// lock, and a proposal carrying it is judged on its own proof-of-lock, so safety is untouched;
    /// it lets an honest proposer catch up with a lock taken in a round it missed.
    /// </summary>
    private bool TryRaiseValidValue()
    {
        foreach (var (round, state) in _rounds)
        {
            if (round > ValidRound && round <= Round && state.Proposal is { } proposal
                && state.Prevotes.Count(proposal.Block.Hash) >= _set.Quorum
                && _candidates.TryGetValue(proposal.Block.Hash, out var candidate) && IsValid(candidate))
            {
                _valid = candidate;
                ValidRound = round;
                return true;
            }
        }

        return false;
    }

    private void Decide(Candidate candidate, CommitCertificate certificate)
    {
        var decided = Height;
        _output.Decide(new Decision(candidate.Block, candidate.Payload, certificate));
        _history[decided] = new CommitAnnouncement(candidate.Block, candidate.Payload, certificate);
        _history.Remove(decided - (ulong)_options.CommitHistory);
        _book.Apply(candidate.Block);
        _application.OnCommitted(candidate.Block, candidate.Payload.Span);
        foreach (var punished in _evidencePool.Keys.Where(_book.IsPunished).ToList())
        {
            _evidencePool.Remove(punished);
        }

        _rounds.Clear();
        _proposers.Clear();
        _candidates.Clear();
        _seen.Clear();
        _own.Clear();
        _certified = null;
        _locked = null;
        _valid = null;
        LockedRound = -1;
        ValidRound = -1;
        StartRound(0);

        var held = _nextHeight.ToList();
        _nextHeight.Clear();
        foreach (var message in held)
        {
            Intake(message);
        }

        if (_futureCommits.Remove(Height, out var next))
        {
            Intake(next);
        }

        foreach (var stale in _futureCommits.Keys.Where(h => h < Height).ToList())
        {
            _futureCommits.Remove(stale);
        }
    }
}
