namespace SmartGrid.Contracts.Serialization;

/// <summary>Wire form of a device id: its text.</summary>
[GenerateSerializer]
[Alias("smartgrid.device-id")]
public struct DeviceIdSurrogate
{
    /// <summary>The identity text.</summary>
    [Id(0)]
    public string Value;
}
