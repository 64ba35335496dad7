namespace SmartGrid.Grains.Appliances;

/// <summary>
/// The small, rarely written state of an appliance grain. Its chain of reports lives in the ledger
/// store and its certificates in the PKI store.
/// </summary>
[GenerateSerializer]
[Alias("smartgrid.appliances.ApplianceGrainState")]
public sealed class ApplianceGrainState
{
    /// <summary>When the first certificate was installed.</summary>
    [Id(0)]
    public DateTimeOffset? ProvisionedAt { get; set; }

    /// <summary>The household meter the appliance is attached to.</summary>
    [Id(1)]
    public string? Household { get; set; }

    /// <summary>Reports refused, by reason (bounded by the number of reasons).</summary>
    [Id(2)]
    public Dictionary<string, long> Refused { get; set; } = [];
}
