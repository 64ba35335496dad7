using Microsoft.Extensions.Logging;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Contracts.Meters;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tiers;

/// <summary>
/// An anchor chain committed by its validators (POEF.md §12.4): the node builds and signs each
/// block (commit scheme 1) from its pending children's heads and offers its body to every
/// validator; the validators agree on it through their streams; each tells the node, one way, of
/// the commit; and the node, the only writer of its chain, checks the certificate and stores the
/// block with its commit evidence.
/// </summary>
public abstract partial class AnchorNodeGrain
{
    private ValidatorSet? _validators;
    private AnchorBlock? _proposal;
    private PendingContent? _proposalTaken;
    private ulong _consensusHeight;

    /// <summary>Hands the chain to <paramref name="encoded"/>'s validator set (see <see cref="IAnchorParentGrain.UseValidatorsAsync"/>).</summary>
    protected async Task<ProvisionResult> UseValidatorsCoreAsync(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (_id.IsEmpty)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, _keyError);
        }

        ValidatorSet set;
        try
        {
            set = ValidatorSet.Decode(encoded);
        }
        catch (LedgerFormatException ex)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, $"the validator set does not decode: {ex.Message}");
        }

        if (set.Chain != _id)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, $"the set commits the chain of '{set.Chain}', this is {Tier.NameOf(Role)} '{_id}'");
        }

        if (State.ValidatorSet.AsSpan().SequenceEqual(encoded) || State.PendingValidatorSet.AsSpan().SequenceEqual(encoded))
        {
            return ProvisionResult.Of(ProvisionOutcome.AlreadyKnown);
        }

        if (set.Members.FirstOrDefault(m => !IsChild(m.Id)) is { } outsider)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, $"'{outsider.Id}' is not a {Tier.NameOf(Tier.ChildOf(Role))} of {Tier.NameOf(Role)} '{_id}'");
        }

        // Certified, in force now: a revoked or expired member is refused (it may not vote from here on).
        if (await CertificationDefectAsync(set) is { } defect)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, defect);
        }

        var chain = StoredValidatorSets.ChainOf(_id);
        if (State.ValidatorSet is not null)
        {
            return await ReplaceValidatorsAsync(set, encoded, chain);
        }

        // Stored with the deployment before it is in force, so every block it commits can be audited.
        var stored = await _ledger.ReadTailAsync(chain, 1);
        if (stored.Count == 0)
        {
            await _ledger.AppendAsync(chain, 0, encoded);
        }
        else if (!stored[0].Bytes.Span.SequenceEqual(encoded))
        {
            return ProvisionResult.Of(ProvisionOutcome.Conflict, "the store holds another validator set for this chain");
        }

        State.ValidatorSet = encoded;
        await _state.WriteStateAsync();
        _validators = set;
        LogUsingValidators(Tier.NameOf(Role), _id.Value, set.Id.ToShortString(), set.Count);
        return ProvisionResult.Of(ProvisionOutcome.Accepted);
    }

    /// <summary>Why a member of <paramref name="set"/> holds no certificate of the tier below in force now for its key, or null.</summary>
    private async Task<string?> CertificationDefectAsync(ValidatorSet set)
    {
        var members = new CertificateRegistry(_registry.TrustAnchor);
        var ignored = new List<ChainDefect>();
        foreach (var member in set.Members)
        {
            await RegistryLoader.AddAsync(_pki, members, member.Id, ignored);
        }

        return StoredValidatorSets.CertificationDefect(set, Role, members, _clock.UtcNow);
    }

    /// <summary>
    /// A new set for a chain already committed by one (POEF.md §11.1): kept as pending, it takes
    /// over once no block is in flight (<see cref="TakeOverPendingSetAsync"/>). A set that committed
    /// the chain before and was replaced never comes back: its members may since have been revoked.
    /// </summary>
    private async Task<ProvisionResult> ReplaceValidatorsAsync(ValidatorSet set, byte[] encoded, ChainId chain)
    {
        await foreach (var entry in _ledger.ReadAsync(chain))
        {
            if (entry.Bytes.Span.SequenceEqual(encoded))
            {
                return ProvisionResult.Of(ProvisionOutcome.Conflict, $"set {set.Id.ToShortString()} committed this chain as epoch {entry.Height} and was replaced; a replaced set does not come back");
            }
        }

        State.PendingValidatorSet = encoded;
        await _state.WriteStateAsync();
        LogValidatorsPending(Tier.NameOf(Role), _id.Value, set.Id.ToShortString(), set.Count, _validators!.Id.ToShortString());
        return ProvisionResult.Of(ProvisionOutcome.Accepted, $"set {set.Id.ToShortString()} replaces set {_validators.Id.ToShortString()} from the chain's next block, once the block in flight is committed");
    }

    /// <summary>
    /// With no block in flight, the pending set takes over: stored as the next epoch of the chain's
    /// sets (before it commits anything, so the audit knows it), then in force; its consensus starts
    /// at height 1, and its first block links to the stored chain like any first body (§12.3).
    /// </summary>
    private async Task<ValidatorSet> TakeOverPendingSetAsync(ValidatorSet current)
    {
        if (_proposal is not null || State.PendingValidatorSet is not { } pending)
        {
            return current;
        }

        // A proposal is held in memory only: after a restart the old set may still be deciding a
        // block this node offered. Its validators tell: a height opened (target) above the highest
        // decided one is in flight. It is stored first (pulled like a missed notice), or the two
        // sets could certify two different blocks at one sequence.
        var old = ValidatorsOf(current);
        try
        {
            var statuses = await Task.WhenAll(old.Select(v => v.GetStatusAsync()));
            if (statuses.Max(s => s.Target) > statuses.Max(s => s.Committed) || statuses.Max(s => s.Committed) > _consensusHeight)
            {
                await PullCommittedAsync(old);
                return current;
            }
        }
#pragma warning disable CA1031 // The old set cannot answer now: the hand-over waits for the next seal.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogValidatorsUnreachable(Tier.NameOf(Role), _id.Value, ex);
            return current;
        }

        // A member revoked while the set waited does not get to vote: the hand-over is dropped.
        var set = ValidatorSet.Decode(pending);
        if (await CertificationDefectAsync(set) is { } defect)
        {
            State.PendingValidatorSet = null;
            await _state.WriteStateAsync();
            LogPendingSetDropped(Tier.NameOf(Role), _id.Value, set.Id.ToShortString(), defect);
            return current;
        }

        var chain = StoredValidatorSets.ChainOf(_id);
        var tail = await _ledger.ReadTailAsync(chain, 1);
        if (tail.Count == 0 || !tail[0].Bytes.Span.SequenceEqual(pending))
        {
            await _ledger.AppendAsync(chain, tail.Count == 0 ? 0 : tail[0].Height + 1, pending);
        }

        State.ValidatorSet = pending;
        State.PendingValidatorSet = null;
        await _state.WriteStateAsync();
        _validators = set;
        _consensusHeight = 0;
        LogUsingValidators(Tier.NameOf(Role), _id.Value, set.Id.ToShortString(), set.Count);
        return set;
    }

    /// <summary>Stores a block the validators committed (see <see cref="IAnchorParentGrain.CommittedAsync"/>).</summary>
    protected async Task StoreCommittedAsync(byte[] record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_validators is not { } set || _storeFault is not null)
        {
            return;
        }

        CommitAnnouncement commit;
        AnchorBlock body;
        try
        {
            commit = CommitAnnouncement.Decode(record);
            body = AnchorBlock.DecodeBody(commit.Payload.Span);
        }
        catch (LedgerFormatException ex)
        {
            LogCommitRefused(Tier.NameOf(Role), _id.Value, _head.Height, ex.Message);
            return;
        }

        if (commit.Height <= _consensusHeight)
        {
            return;
        }

        if (commit.Height != _consensusHeight + 1 || body.Sequence != (ulong)_head.Height)
        {
            LogCommitRefused(Tier.NameOf(Role), _id.Value, _head.Height, $"consensus height {commit.Height} (block {body.Sequence}) does not follow height {_consensusHeight} (block {_head.Height - 1})");
            return;
        }

        var block = body.WithEvidence(AnchorCommitVerifier.Evidence(commit.Block, commit.Certificate));
        var defect = new AnchorCommitVerifier([set]).Verify(block, _head.Height)
            ?? ChainRules.Check(block, _id, Role, _head, _registry, _clock.UtcNow, _options.MaxClockSkew);
        if (defect is not null)
        {
            LogCommitRefused(Tier.NameOf(Role), _id.Value, _head.Height, $"{defect.Kind}: {defect.Message}");
            return;
        }

        // The block committed is this node's own (signed by it), but after a restart it may not be
        // the proposal held now: that one's heads go back to pending for the next block.
        var ours = _proposal is { } proposal && proposal.Hash == block.Hash;
        var taken = ours ? _proposalTaken : null;
        if (!ours)
        {
            Restore(_proposalTaken);
        }

        _proposal = null;
        _proposalTaken = null;
        await StoreAsync(block, taken, commit.Height);
    }

    /// <summary>
    /// One seal interval with validators: store a commit the one-way notices missed, re-offer the
    /// proposal still being decided (a reactivated validator has lost it), or propose the pending
    /// heads as the chain's next block and open its consensus height.
    /// </summary>
    private async Task<SealResult> ProposeAsync(ValidatorSet set)
    {
        var validators = ValidatorsOf(set);
        if (_proposal is not null)
        {
            await PullCommittedAsync(validators);
        }

        if (await TakeOverPendingSetAsync(set) is var next && next != set)
        {
            set = next;
            validators = ValidatorsOf(set);
        }

        if (_proposal is null)
        {
            // A substation's block anchors its validators' chains only; the utility's every
            // substation, its set being possibly a committee of them (POEF.md §11.2).
            var members = Role == DeviceRole.Substation ? set : null;
            if (members is null ? !HasPending : !HasPendingFor(members))
            {
                return Unsealed(string.Empty);
            }

            (_proposal, _proposalTaken) = TakePending(CommitScheme.CommitCertificate, members);
        }

        var offered = _proposal;
        await OfferAsync(validators, offered);
        return new SealResult { Sealed = false, Proposed = true, Height = (long)offered.Sequence, Head = _head.Hash, Anchors = offered.Anchors.Length };
    }

    private List<IValidatorGrain> ValidatorsOf(ValidatorSet set) =>
        [.. set.Members.Select(m => GrainFactory.GetGrain<IValidatorGrain>(ValidatorAddress.KeyOf(set.Id, m.Id)))];

    private async Task PullCommittedAsync(List<IValidatorGrain> validators)
    {
        try
        {
            var answers = await Task.WhenAll(validators.Select(v => v.GetCommittedAsync(_consensusHeight + 1, 1)));
            if (answers.SelectMany(a => a).FirstOrDefault() is { } record)
            {
                await StoreCommittedAsync(record.Record);
            }
        }
#pragma warning disable CA1031 // A validator that cannot answer now is asked again at the next interval.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogValidatorsUnreachable(Tier.NameOf(Role), _id.Value, ex);
        }
    }

    private async Task OfferAsync(List<IValidatorGrain> validators, AnchorBlock proposal)
    {
        var body = proposal.Body.ToArray();
        var height = _consensusHeight + 1;
        try
        {
            var refusals = await Task.WhenAll(validators.Select(v => v.OfferBlockAsync(body)));
            if (refusals.FirstOrDefault(r => r is not null) is { } refusal)
            {
                LogProposalRefused(Tier.NameOf(Role), _id.Value, proposal.Sequence, refusal);
            }

            await Task.WhenAll(validators.Select(v => v.CommitThroughAsync(height)));
        }
#pragma warning disable CA1031 // The proposal stays; the next interval offers it again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogValidatorsUnreachable(Tier.NameOf(Role), _id.Value, ex);
        }
    }

    /// <summary>What a block took from pending: given back when it is not stored.</summary>
    private sealed record PendingContent(List<Anchor> Anchors, List<FeederReading> Feeder, List<ChainEvent> Events, DateTimeOffset? UpTo);

    [LoggerMessage(EventId = 2040, Level = LogLevel.Information, Message = "{Tier} {NodeId}: its chain is committed by validator set {SetId} of {Count} from now on")]
    private partial void LogUsingValidators(string tier, string nodeId, string setId, int count);

    [LoggerMessage(EventId = 2044, Level = LogLevel.Information, Message = "{Tier} {NodeId}: validator set {SetId} of {Count} will replace set {Current} from the next block")]
    private partial void LogValidatorsPending(string tier, string nodeId, string setId, int count, string current);

    [LoggerMessage(EventId = 2045, Level = LogLevel.Warning, Message = "{Tier} {NodeId}: validator set {SetId} will not take over: {Reason}; the chain stays with its set")]
    private partial void LogPendingSetDropped(string tier, string nodeId, string setId, string reason);

    [LoggerMessage(EventId = 2041, Level = LogLevel.Warning, Message = "{Tier} {NodeId}: a commit for height {Height} is refused: {Reason}")]
    private partial void LogCommitRefused(string tier, string nodeId, long height, string reason);

    [LoggerMessage(EventId = 2042, Level = LogLevel.Warning, Message = "{Tier} {NodeId}: a validator refused block {Sequence}: {Reason}")]
    private partial void LogProposalRefused(string tier, string nodeId, ulong sequence, string reason);

    [LoggerMessage(EventId = 2043, Level = LogLevel.Warning, Message = "{Tier} {NodeId}: validators unreachable; the proposal is offered again at the next interval")]
    private partial void LogValidatorsUnreachable(string tier, string nodeId, Exception exception);
}
