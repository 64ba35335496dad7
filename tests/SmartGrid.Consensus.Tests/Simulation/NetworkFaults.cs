namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>
/// What the virtual network does to messages until it heals at <see cref="HealMs"/>: drops,
/// duplicates, random delays (so reordering), and a partition from <see cref="PartitionStartMs"/>.
/// After healing nothing is dropped and every delay is at most <see cref="MaxDelayMs"/>.
/// </summary>
internal sealed record NetworkFaults
{
    public static NetworkFaults None { get; } = new();

    public double DropRate { get; init; }

    public double DuplicateRate { get; init; }

    public int MinDelayMs { get; init; } = 1;

    public int MaxDelayMs { get; init; } = 10;

    /// <summary>Group of each validator while partitioned; null for no partition.</summary>
    public int[]? PartitionGroups { get; init; }

    public long PartitionStartMs { get; init; }

    public long HealMs { get; init; }

    public override string ToString() =>
        $"drop {DropRate:P0}, dup {DuplicateRate:P0}, delay {MinDelayMs}-{MaxDelayMs} ms, "
        + (PartitionGroups is null ? "no partition" : $"partition [{string.Join(',', PartitionGroups)}] {PartitionStartMs}-{HealMs} ms")
        + $", heals at {HealMs} ms";
}
