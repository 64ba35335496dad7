namespace SmartGrid.Simulation.Tests.Support;

/// <summary>The test classes that share one <see cref="SwissDataFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SwissDataCollection : ICollectionFixture<SwissDataFixture>
{
    public const string Name = "Swiss data";
}
