using System.Collections.Immutable;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Engine;

/// <summary>What the application puts in a block it asks the engine to propose; the engine adds the rest of the header.</summary>
/// <param name="Observations">One efficiency observation per validator, in validator order.</param>
/// <param name="Rewards">Efficiency rewards for households.</param>
/// <param name="Payload">The application payload (for the fog tier, the encoded substation anchor block).</param>
public sealed record BlockContent(ImmutableArray<EfficiencyObservation> Observations, ImmutableArray<Reward> Rewards, ReadOnlyMemory<byte> Payload);
