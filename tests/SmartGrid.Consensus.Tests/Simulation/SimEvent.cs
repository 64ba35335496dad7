using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>Something that happens to one validator at one simulated time: a message arrives, or a timer fires.</summary>
internal readonly record struct SimEvent(int Node, ConsensusMessage? Message, TimeoutRequest Timeout);
