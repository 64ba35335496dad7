namespace SmartGrid.Contracts.Serialization;

/// <summary>Wire form of a feeder reading.</summary>
[GenerateSerializer]
[Alias("smartgrid.feeder-reading")]
public struct FeederReadingSurrogate
{
    /// <summary>Interval start.</summary>
    [Id(0)]
    public DateTimeOffset Start;

    /// <summary>Interval end.</summary>
    [Id(1)]
    public DateTimeOffset End;

    /// <summary>Energy imported, Wh.</summary>
    [Id(2)]
    public ulong ImportWh;
}
