using SmartGrid.Consensus.Evidence;
using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Engine;

/// <summary>What one input to the engine produced: messages to send, timers to start, decisions and evidence.</summary>
public sealed class ConsensusOutput
{
    private readonly List<ConsensusMessage> _broadcasts = [];
    private readonly List<TimeoutRequest> _timeouts = [];
    private readonly List<Decision> _decisions = [];
    private readonly List<Misbehaviour> _evidence = [];

    /// <summary>Messages to send to every other validator of the set, in order.</summary>
    public IReadOnlyList<ConsensusMessage> Broadcasts => _broadcasts;

    /// <summary>Timers to start.</summary>
    public IReadOnlyList<TimeoutRequest> Timeouts => _timeouts;

    /// <summary>Blocks committed, in height order, each with its certificate.</summary>
    public IReadOnlyList<Decision> Decisions => _decisions;

    /// <summary>Misbehaviour newly seen (it is also kept to be proposed in a block).</summary>
    public IReadOnlyList<Misbehaviour> Evidence => _evidence;

    internal void Broadcast(ConsensusMessage message) => _broadcasts.Add(message);

    internal void Schedule(TimeoutRequest timeout) => _timeouts.Add(timeout);

    internal void Decide(Decision decision) => _decisions.Add(decision);

    internal void Report(Misbehaviour evidence) => _evidence.Add(evidence);
}
