namespace SmartGrid.Grains.Consensus;

/// <summary>The stream provider validator grains talk through; hosting profiles register one under this name.</summary>
public static class ValidatorStreams
{
    /// <summary>
    /// Name of the stream provider (the embedded profile's in-memory streams). A provider that
    /// polls its queues (memory streams do) adds up to its poll period to every hop of a consensus
    /// message: configure a short one where consensus runs (docs/POEF.md, transport).
    /// </summary>
    public const string ProviderName = "smartgrid";
}
