namespace SmartGrid.Contracts.Serialization;

/// <summary>
/// The wire form of every ledger record: its canonical bytes. Orleans carries signed objects
/// exactly as they were signed, and the receiver decodes (and so re-checks) them; there is one
/// encoding of a block, not one for the ledger and another for the network.
/// </summary>
[GenerateSerializer]
[Alias("smartgrid.canonical")]
public struct CanonicalSurrogate
{
    /// <summary>The canonical encoding.</summary>
    [Id(0)]
    public byte[] Bytes;
}
