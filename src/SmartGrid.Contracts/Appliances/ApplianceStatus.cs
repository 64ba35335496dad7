using System.Collections.Immutable;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Appliances;

/// <summary>What an operator sees of one appliance.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.appliances.appliance-status")]
public sealed record ApplianceStatus
{
    /// <summary>Whether a valid appliance certificate has been provisioned.</summary>
    [Id(0)]
    public required bool Provisioned { get; init; }

    /// <summary>Serials of its certificates, oldest first.</summary>
    [Id(1)]
    public required ImmutableArray<ulong> CertificateSerials { get; init; }

    /// <summary>The household meter it is attached to, if any.</summary>
    [Id(2)]
    public DeviceId? Household { get; init; }

    /// <summary>Reports in its chain; the next report's sequence number.</summary>
    [Id(3)]
    public required long Height { get; init; }

    /// <summary>Hash of its last report; all zero for an empty chain.</summary>
    [Id(4)]
    public required Hash256 Head { get; init; }

    /// <summary>End of its last report's interval, or null for an empty chain.</summary>
    [Id(5)]
    public DateTimeOffset? LastReportEnd { get; init; }

    /// <summary>Reports offered by its meter but refused (not linking, wrong household...), by reason.</summary>
    [Id(6)]
    public ImmutableDictionary<string, long> Refused { get; init; } = ImmutableDictionary<string, long>.Empty;
}
