using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>A message a simulated validator sends: to one validator, or to every other one when <see cref="To"/> is -1.</summary>
internal readonly record struct Outgoing(int To, ConsensusMessage Message)
{
    public const int Everyone = -1;
}
