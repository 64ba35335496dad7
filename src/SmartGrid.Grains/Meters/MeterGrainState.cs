using SmartGrid.Ledger.Chain;

namespace SmartGrid.Grains.Meters;

/// <summary>
/// The small, rarely written part of a meter grain's state. The chain itself lives in the ledger
/// store, and certificates in the PKI store: neither is ever rewritten here.
/// </summary>
[GenerateSerializer]
[Alias("smartgrid.meters.MeterGrainState")]
public sealed class MeterGrainState
{
    /// <summary>When the first certificate was installed.</summary>
    [Id(0)]
    public DateTimeOffset? ProvisionedAt { get; set; }

    /// <summary>Blocks rejected, by reason (bounded by the number of reasons).</summary>
    [Id(1)]
    public Dictionary<DefectKind, long> Rejections { get; set; } = [];

    /// <summary>The concentrator the meter pushes its head to after each upload, when attached.</summary>
    [Id(2)]
    public string? Concentrator { get; set; }

    /// <summary>The household's appliances, in ordinal order (bounded by <c>LedgerOptions.MaxAppliancesPerMeter</c>).</summary>
    [Id(3)]
    public List<string> Appliances { get; set; } = [];

    /// <summary>Accepted blocks flagged because their appliance reports exceeded the meter's own energy.</summary>
    [Id(4)]
    public long ApplianceExcesses { get; set; }
}
