using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>
/// A seeded network in simulated milliseconds: every send gets a random delay (so messages
/// reorder), may be duplicated, and until the network heals may be dropped or cut by a partition.
/// Timers share the same queue; ties are broken by the order of scheduling, so runs repeat exactly.
/// </summary>
internal sealed class VirtualNetwork(NetworkFaults faults, SimRandom random)
{
    private readonly PriorityQueue<SimEvent, (long Time, long Order)> _queue = new();
    private long _order;

    public long Sent { get; private set; }

    public void Send(long now, int from, int to, ConsensusMessage message)
    {
        Sent++;
        var faulty = now < faults.HealMs;
        if (faulty && faults.PartitionGroups is { } groups && now >= faults.PartitionStartMs && groups[from] != groups[to])
        {
            return;
        }

        if (faulty && random.Chance(faults.DropRate))
        {
            return;
        }

        Enqueue(now + random.Next(faults.MinDelayMs, faults.MaxDelayMs + 1), new SimEvent(to, message, default));
        if (random.Chance(faults.DuplicateRate))
        {
            Enqueue(now + random.Next(faults.MinDelayMs, (2 * faults.MaxDelayMs) + 1), new SimEvent(to, message, default));
        }
    }

    public void Schedule(long now, int node, TimeoutRequest timeout) =>
        Enqueue(now + (long)timeout.Delay.TotalMilliseconds, new SimEvent(node, null, timeout));

    public bool TryNext(long limit, out long time, out SimEvent next)
    {
        if (_queue.TryPeek(out next, out var priority) && priority.Time <= limit)
        {
            _queue.Dequeue();
            time = priority.Time;
            return true;
        }

        time = 0;
        return false;
    }

    private void Enqueue(long time, SimEvent e) => _queue.Enqueue(e, (time, _order++));
}
