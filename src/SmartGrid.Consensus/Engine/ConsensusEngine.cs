using System.Collections.Immutable;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Evidence;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Signing;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Engine;

/// <summary>
/// One validator of Proof-of-Efficiency (docs/POEF.md): a Tendermint-style state machine with
/// propose, prevote and precommit steps, locking across rounds, and a proposer drawn by efficiency.
/// </summary>
/// <remarks>
/// Pure and deterministic: no clock, no I/O, no randomness. Inputs are <see cref="Start"/>,
/// <see cref="Receive"/> and <see cref="OnTimeout"/>; each returns a <see cref="ConsensusOutput"/>
/// with the messages to broadcast, the timers to start and the blocks decided. Not thread-safe:
/// the host (a grain) feeds it one input at a time.
/// </remarks>
public sealed partial class ConsensusEngine
{
    private readonly ValidatorSet _set;
    private readonly SigningKeyPair _key;
    private readonly IConsensusApplication _application;
    private readonly ConsensusOptions _options;
    private readonly EfficiencyBook _book;
    private readonly SigningGuard _guard;
    private readonly int _selfIndex;
    private readonly Dictionary<int, RoundState> _rounds = [];
    private readonly Dictionary<int, int> _proposers = [];
    private readonly Dictionary<Hash256, Candidate> _candidates = [];
    private readonly HashSet<Hash256> _seen = [];
    private readonly List<ConsensusMessage> _own = [];
    private readonly List<ConsensusMessage> _nextHeight = [];
    private readonly Dictionary<ulong, CommitAnnouncement> _futureCommits = [];
    private readonly Dictionary<ulong, CommitAnnouncement> _history = [];
    private readonly SortedSet<ulong> _lagging = [];
    private readonly Dictionary<MisbehaviourKey, Misbehaviour> _evidencePool = [];
    private ConsensusOutput _output = new();
    private (Candidate Block, CommitCertificate Certificate)? _certified;
    private Candidate? _locked;
    private Candidate? _valid;
    private bool _started;

    /// <summary>Creates the validator <paramref name="self"/> of <paramref name="set"/> at height 1 above <paramref name="genesis"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="self"/> is not a member, or its key is not the one in the set.</exception>
    public ConsensusEngine(ValidatorSet set, DeviceId self, SigningKeyPair key, IConsensusApplication application, ConsensusOptions options, Hash256 genesis)
        : this(set, self, key, application, options, genesis, [], new SigningGuard())
    {
    }

    /// <summary>
    /// Creates the validator <paramref name="self"/> resuming after <paramref name="committed"/>,
    /// the blocks its chain already holds from height 1 in order (a grain reactivated from its
    /// store). The efficiency book is rebuilt from them; round state starts afresh at round 0.
    /// </summary>
    /// <exception cref="ArgumentException">A block is not the next one of the chain.</exception>
    public ConsensusEngine(ValidatorSet set, DeviceId self, SigningKeyPair key, IConsensusApplication application, ConsensusOptions options, Hash256 genesis, IEnumerable<ConsensusBlock> committed)
        : this(set, self, key, application, options, genesis, committed, new SigningGuard())
    {
    }

    /// <summary>
    /// Creates the validator <paramref name="self"/> resuming after <paramref name="committed"/>
    /// with the <paramref name="guard"/> restored from what it signed before (see
    /// <see cref="SigningGuard"/>): it never signs a message conflicting with one it signed before
    /// the restart, and it resumes its height at the round it last signed in.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="self"/> is not a member with this key, or a block is not the next one of the chain.</exception>
    public ConsensusEngine(ValidatorSet set, DeviceId self, SigningKeyPair key, IConsensusApplication application, ConsensusOptions options, Hash256 genesis, IEnumerable<ConsensusBlock> committed, SigningGuard guard)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(guard);
        _selfIndex = set.IndexOf(self);
        if (_selfIndex < 0 || set[_selfIndex].Key != key.PublicKey)
        {
            throw new ArgumentException($"'{self}' is not a member of {set} with this key", nameof(self));
        }

        _set = set;
        _key = key;
        _application = application;
        _options = options;
        _book = new EfficiencyBook(set, options.Efficiency, genesis);
        _guard = guard;
        Self = self;
        foreach (var block in committed)
        {
            _book.Apply(block);
        }
    }

    /// <summary>
    /// Resumes the validator <paramref name="self"/> after <paramref name="committed"/>, the blocks
    /// its chain holds from height 1 in order, with the <paramref name="guard"/> restored from what
    /// it signed before, and <paramref name="recentCommits"/>, the commit records of the last of
    /// those blocks (at most <see cref="ConsensusOptions.CommitHistory"/> are kept). Unlike
    /// resuming from the blocks alone, a validator that missed one of those commits before the
    /// restart still gets it from this one: without them, a set whose quorum needs the laggard
    /// (n = 2, or f validators down) would wait on it for ever.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="self"/> is not a member with this key, a block is not the next one of the chain, or a commit is not of one of its blocks.</exception>
    public static ConsensusEngine Resume(
        ValidatorSet set, DeviceId self, SigningKeyPair key, IConsensusApplication application, ConsensusOptions options, Hash256 genesis,
        IReadOnlyList<ConsensusBlock> committed, IEnumerable<CommitAnnouncement> recentCommits, SigningGuard guard)
    {
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(recentCommits);
        ArgumentNullException.ThrowIfNull(options);
        var engine = new ConsensusEngine(set, self, key, application, options, genesis, committed, guard);
        foreach (var commit in recentCommits)
        {
            var height = commit.Block.Height;
            if (height == 0 || height > (ulong)committed.Count || committed[(int)(height - 1)].Hash != commit.Block.Hash)
            {
                throw new ArgumentException($"the commit of height {height} is not of a block of the chain", nameof(recentCommits));
            }

            engine._history[height] = commit;
            engine._history.Remove(height - (ulong)options.CommitHistory);
        }

        return engine;
    }

    /// <summary>This validator.</summary>
    public DeviceId Self { get; }

    /// <summary>The validator set.</summary>
    public ValidatorSet Set => _set;

    /// <summary>The height being decided.</summary>
    public ulong Height => _book.Height;

    /// <summary>The current round of <see cref="Height"/>.</summary>
    public int Round { get; private set; }

    /// <summary>The current step of <see cref="Round"/>.</summary>
    public RoundStep Step { get; private set; }

    /// <summary>The round of the block this validator is locked on, or -1.</summary>
    public int LockedRound { get; private set; } = -1;

    /// <summary>The last round in which this validator saw a prevote quorum for a valid proposal, or -1.</summary>
    public int ValidRound { get; private set; } = -1;

    /// <summary>The id of the locked block, or null.</summary>
    public Hash256? LockedBlock => _locked?.Block.Hash;

    /// <summary>What this validator signed last; the host persists it before sending what the engine returns.</summary>
    public SigningGuard Guard => _guard;

    /// <summary>The efficiency scores in force at <see cref="Height"/> (from committed blocks only).</summary>
    public EfficiencyTable Scores => _book.Table;

    /// <summary>Hash of the last committed block (the genesis hash before the first).</summary>
    public Hash256 LastCommitted => _book.Previous;

    /// <summary>The validator drawn to propose <paramref name="round"/> of the current height.</summary>
    public DeviceId ProposerOf(int round) => _set[ProposerIndex(round)].Id;

    /// <summary>Starts the current height (once): at round 0, or at the round the guard last signed in at this height.</summary>
    /// <exception cref="InvalidOperationException">The engine was already started.</exception>
    public ConsensusOutput Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("the engine is already started");
        }

        _started = true;
        _output = new ConsensusOutput();
        _output.Schedule(new TimeoutRequest(Height, 0, TimeoutKind.Rebroadcast, _options.RebroadcastInterval));
        StartRound(_guard.ResumeRound(Height));
        Evaluate();
        return _output;
    }

    /// <summary>Takes in a message from the network (any order, any number of times).</summary>
    public ConsensusOutput Receive(ConsensusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _output = new ConsensusOutput();
        if (_started)
        {
            Intake(message);
            Evaluate();
        }

        return _output;
    }

    /// <summary>Takes in a timer that fired (see <see cref="TimeoutRequest"/>).</summary>
    public ConsensusOutput OnTimeout(TimeoutRequest timeout)
    {
        _output = new ConsensusOutput();
        if (!_started)
        {
            return _output;
        }

        var current = timeout.Height == Height && timeout.Round == Round;
        switch (timeout.Kind)
        {
            case TimeoutKind.Propose when current && Step == RoundStep.Propose:
                CastVote(VoteType.Prevote, null);
                Step = RoundStep.Prevote;
                break;
            case TimeoutKind.Prevote when current && Step == RoundStep.Prevote:
                CastVote(VoteType.Precommit, null);
                Step = RoundStep.Precommit;
                break;
            case TimeoutKind.Precommit when current:
                StartRound(Round + 1);
                break;
            case TimeoutKind.Rebroadcast:
                Rebroadcast();
                break;
        }

        Evaluate();
        return _output;
    }

    /// <summary>
    /// Proposes now if this validator is drawn for the current round, has not proposed in it, and
    /// held back because the application had nothing to propose when the round started
    /// (<see cref="IConsensusApplication.ReadyToPropose"/>): the host calls it when the application
    /// receives its content. Otherwise nothing happens.
    /// </summary>
    public ConsensusOutput ProposeIfDrawn()
    {
        _output = new ConsensusOutput();
        if (_started && Step == RoundStep.Propose && ProposerIndex(Round) == _selfIndex && RoundAt(Round).Proposal is null)
        {
            Propose(Round);
            Evaluate();
        }

        return _output;
    }

    private int ProposerIndex(int round)
    {
        if (!_proposers.TryGetValue(round, out var index))
        {
            index = ProposerLottery.Draw(_set, _book.Table, _book.Parameters, _book.Previous, Height, round);
            _proposers[round] = index;
        }

        return index;
    }

    private RoundState RoundAt(int round)
    {
        if (!_rounds.TryGetValue(round, out var state))
        {
            state = new RoundState(_set.Count);
            _rounds[round] = state;
        }

        return state;
    }

    private void StartRound(int round)
    {
        Round = round;
        Step = RoundStep.Propose;
        if (ProposerIndex(round) == _selfIndex)
        {
            Propose(round);
        }

        _output.Schedule(new TimeoutRequest(Height, round, TimeoutKind.Propose, _options.TimeoutOf(TimeoutKind.Propose, round)));
    }

    private void Propose(int round)
    {
        // A valid value is re-proposed whatever the application holds; a new block needs its content.
        if (_valid is null && !_application.ReadyToPropose(Height))
        {
            return;
        }

        var candidate = _valid ?? Build();
        var polRound = _valid is null ? -1 : ValidRound;
        if (_guard.TryAdmit(Height, round, RoundStep.Propose, candidate.Block.Hash, Proposal.SignedPayload(_set.Id, Height, round, polRound, candidate.Block.Hash, Self)))
        {
            var proposal = Proposal.Create(Height, round, polRound, candidate.Block, candidate.Payload.Span, Self, _key);
            Send(proposal);
            SendProofOfLock();
            var state = RoundAt(round);
            state.Proposal = proposal;
            state.Heard(_selfIndex);
        }
    }

    private Candidate Build()
    {
        var content = _application.BuildBlock(Height, _book.Previous);
        var evidence = _evidencePool.Values
            .Where(e => BlockRules.EvidenceDefect(e, _set, _book, checkSignatures: false) is null)
            .OrderBy(e => Convert.ToHexString(e.Encoded.Span), StringComparer.Ordinal)
            .Take(ConsensusBlock.MaxEvidence)
            .ToImmutableArray();
        var block = ConsensusBlock.Create(_set.Id, Height, _book.Previous, _book.Table.Scores, content.Observations, content.Rewards, evidence, content.Payload.Span);
        return Remember(block, content.Payload);
    }

    private Candidate Remember(ConsensusBlock block, ReadOnlyMemory<byte> payload)
    {
        if (!_candidates.TryGetValue(block.Hash, out var candidate))
        {
            candidate = new Candidate(block, payload);
            _candidates[block.Hash] = candidate;
        }

        return candidate;
    }

    /// <summary>
    /// Signs and sends a vote, unless the guard refuses it: a step signed before a restart makes the
    /// validator abstain, and a lock it held before the restart turns a prevote for another block into nil.
    /// </summary>
    private void CastVote(VoteType type, Hash256? blockId)
    {
        var step = type == VoteType.Prevote ? RoundStep.Prevote : RoundStep.Precommit;
        var signed = Vote.SignedPayload(_set.Id, Height, Round, type, blockId, Self);
        if (!_guard.TryAdmit(Height, Round, step, blockId, signed))
        {
            if (blockId is not null && _guard.Check(Height, Round, step, blockId, signed) == SignVerdict.AgainstLock)
            {
                CastVote(type, null);
            }

            return;
        }

        var vote = Vote.Create(_set.Id, Height, Round, type, blockId, Self, _key);
        var state = RoundAt(Round);
        state.Tally(type).Add(_selfIndex, vote);
        state.Heard(_selfIndex);
        Send(vote);
    }

    private void Send(ConsensusMessage message)
    {
        _seen.Add(message.Id);
        _own.Add(message);
        _output.Broadcast(message);
    }

    private void Report(Misbehaviour evidence)
    {
        if (_evidencePool.Count < 4 * ConsensusBlock.MaxEvidence && !_book.IsPunished(evidence.Key) && _evidencePool.TryAdd(evidence.Key, evidence))
        {
            _output.Report(evidence);
        }
    }

    /// <summary>
    /// Relays the proposal and prevote quorum behind the valid value: validators that missed them
    /// (dropped before the network healed, or signed by byzantine validators that never resend)
    /// can then judge a re-proposal's proof-of-lock and raise their own valid value.
    /// </summary>
    private void SendProofOfLock()
    {
        if (_valid is null || !_rounds.TryGetValue(ValidRound, out var state) || state.Proposal is not { } proposal)
        {
            return;
        }

        _output.Broadcast(proposal);
        foreach (var vote in state.Prevotes.For(_valid.Block.Hash))
        {
            _output.Broadcast(vote);
        }
    }

    private void Rebroadcast()
    {
        foreach (var message in _own)
        {
            _output.Broadcast(message);
        }

        SendProofOfLock();

        // A validator that lags gets every commit from its height up: it keeps those above its
        // own height aside and applies them one after the other. The last commit goes out every
        // time: a validator that missed it may never speak at its height again (it signed its
        // vote before a restart and waits for a quorum that has moved on), so it cannot be
        // counted on to show that it lags.
        var from = Height > 1 ? Height - 1 : Height;
        for (var height = _lagging.Count > 0 ? Math.Min(_lagging.Min, from) : from; height < Height; height++)
        {
            if (_history.TryGetValue(height, out var commit))
            {
                _output.Broadcast(commit);
            }
        }

        _lagging.Clear();
        _output.Schedule(new TimeoutRequest(Height, Round, TimeoutKind.Rebroadcast, _options.RebroadcastInterval));
    }
}
