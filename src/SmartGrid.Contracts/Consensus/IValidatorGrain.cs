using SmartGrid.Contracts.Meters;

namespace SmartGrid.Contracts.Consensus;

/// <summary>
/// One validator of one PoEf validator set (docs/POEF.md), keyed by <see cref="ValidatorAddress.KeyOf"/>.
/// Validators never call each other: their signed messages travel on Orleans streams, one inbox
/// stream per validator in its set's namespace, and progress comes from messages and timers.
/// </summary>
[Alias("smartgrid.consensus.IValidatorGrain")]
public interface IValidatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Enrolls the grain in its set and starts consensus (idempotent for the same set and key).
    /// Refused (as a value) when the set is not the one in the grain key, the key is not the
    /// validator's, or the grain was enrolled with something else.
    /// </summary>
    [Alias("enroll")]
    Task<ProvisionResult> EnrollAsync(ValidatorEnrollment enrollment);

    /// <summary>
    /// Lets the validator take part in heights up to <paramref name="height"/> (never lowered): past
    /// it, what the validator signs waits until the target is raised. The host opens one height per
    /// interval, so the chain does not spin through empty blocks. Returns the target in force.
    /// </summary>
    [Alias("commit-through")]
    Task<ulong> CommitThroughAsync(ulong height);

    /// <summary>
    /// Offers the body of the chain's next anchor block (<c>AnchorBlock.Body</c>, built and signed by
    /// the chain's node with commit scheme 1) for the blocks this validator proposes; a later offer
    /// replaces an earlier one. Returns why the body was refused (not the chain's next block, anchors
    /// not of members or not newer than committed, not signed by the node), or null when it was kept.
    /// </summary>
    [Alias("offer-block")]
    Task<string?> OfferBlockAsync(byte[] body);

    /// <summary>Where the validator stands.</summary>
    [Alias("status")]
    Task<ValidatorStatus> GetStatusAsync();

    /// <summary>Up to <paramref name="maxCount"/> committed blocks from <paramref name="fromHeight"/> (1 is the first), as stored.</summary>
    [Alias("committed")]
    Task<IReadOnlyList<CommittedRecord>> GetCommittedAsync(ulong fromHeight, int maxCount);
}
