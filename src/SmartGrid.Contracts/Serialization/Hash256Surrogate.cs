namespace SmartGrid.Contracts.Serialization;

/// <summary>Wire form of a SHA-256 hash: its 32 bytes.</summary>
[GenerateSerializer]
[Alias("smartgrid.hash256")]
public struct Hash256Surrogate
{
    /// <summary>The digest bytes.</summary>
    [Id(0)]
    public byte[] Bytes;
}
