namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// The test classes that start consensus clusters of their own run one after another, not beside
/// each other: each cluster's validators keep timers running, and on a 2-core machine several at
/// once would stretch the waits of every test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsensusClusters
{
    public const string Name = "consensus clusters";
}
