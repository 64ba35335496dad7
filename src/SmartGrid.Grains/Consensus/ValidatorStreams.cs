namespace SmartGrid.Grains.Consensus;

/// <summary>The provider validator grains talk through; hosting profiles register one under this name.</summary>
public static class ValidatorStreams
{
    /// <summary>
    /// Name under which validators find their transport (docs/POEF.md §12.1): a broadcast channel
    /// provider (the embedded profile's; push, one grain call per message and receiver), else a
    /// stream provider. A stream provider that polls its queues (memory streams do) adds up to its
    /// poll period to every hop of a consensus message: configure a short one where consensus runs.
    /// </summary>
    public const string ProviderName = "smartgrid";
}
