namespace SmartGrid.Contracts.Meters;

/// <summary>
/// One block as the store holds it: its height and its bytes, undecoded, so a client verifying
/// a chain itself sees a record that no longer decodes instead of having it skipped.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.meters.stored-block")]
public sealed record StoredBlock
{
    /// <summary>Height in the chain.</summary>
    [Id(0)]
    public required long Height { get; init; }

    /// <summary>The stored bytes (a canonical block unless the store was altered).</summary>
    [Id(1)]
    public required byte[] Bytes { get; init; }
}
