namespace SmartGrid.Contracts.Meters;

/// <summary>
/// The flag on an accepted block whose appliance reports claim more energy than the meter's own
/// 1.8.0 register recorded over the same span, beyond the rounding tolerance. The block is on the
/// chain (its readings are signed facts); the excess is counted in the meter's status and reported
/// by the audit as <see cref="Ledger.Chain.DefectKind.ApplianceExceedsMeter"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.meters.appliance-excess")]
public sealed record ApplianceExcess
{
    /// <summary>Sum of the appliance reports balanced, in Wh.</summary>
    [Id(0)]
    public required long ApplianceWh { get; init; }

    /// <summary>Rise of the meter's 1.8.0 register over the same span, in Wh.</summary>
    [Id(1)]
    public required long MeterWh { get; init; }

    /// <summary>Rounding allowance (1 Wh per report balanced).</summary>
    [Id(2)]
    public required long ToleranceWh { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"appliances claim {ApplianceWh} Wh, the meter recorded {MeterWh} Wh (tolerance {ToleranceWh} Wh)";
}
