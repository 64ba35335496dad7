using SmartGrid.Consensus.Messages;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Evidence;

/// <summary>
/// What one piece of evidence punishes: an offender, once per kind, height, round and vote type.
/// Two different proofs of the same fault have the same key, so a fault is penalised once.
/// </summary>
/// <param name="Kind">The fault.</param>
/// <param name="Offender">The validator at fault.</param>
/// <param name="Height">Height of the fault.</param>
/// <param name="Round">Round of the fault.</param>
/// <param name="VoteType">For conflicting votes, their type; otherwise 0.</param>
public readonly record struct MisbehaviourKey(MisbehaviourKind Kind, DeviceId Offender, ulong Height, int Round, VoteType VoteType);
