using System.Collections.Immutable;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Meters;

/// <summary>What an operator sees of one meter: provisioning, chain head, and rejections by reason.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.meters.meter-status")]
public sealed record MeterStatus
{
    /// <summary>Whether a valid certificate has been provisioned.</summary>
    [Id(0)]
    public required bool Provisioned { get; init; }

    /// <summary>Serials of the meter's certificates, oldest first.</summary>
    [Id(1)]
    public required ImmutableArray<ulong> CertificateSerials { get; init; }

    /// <summary>Serials of those revoked.</summary>
    [Id(2)]
    public required ImmutableArray<ulong> RevokedSerials { get; init; }

    /// <summary>The chain's head.</summary>
    [Id(3)]
    public required MeterHead Head { get; init; }

    /// <summary>Blocks rejected since provisioning, by reason.</summary>
    [Id(4)]
    public required ImmutableDictionary<DefectKind, long> Rejections { get; init; }

    /// <summary>The appliances attached to this household meter, in id order.</summary>
    [Id(5)]
    public ImmutableArray<DeviceId> Appliances { get; init; } = [];

    /// <summary>Accepted blocks flagged because their appliance reports exceeded the meter's own energy.</summary>
    [Id(6)]
    public long ApplianceExcesses { get; init; }
}
