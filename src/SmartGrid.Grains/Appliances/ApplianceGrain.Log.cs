using Microsoft.Extensions.Logging;

namespace SmartGrid.Grains.Appliances;

/// <summary>Log messages of <see cref="ApplianceGrain"/> (event ids 1100-1199, within the meters' range: the edge tier).</summary>
public sealed partial class ApplianceGrain
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Appliance {ApplianceId} provisioned with certificate #{Serial}")]
    private partial void LogProvisioned(string applianceId, ulong serial);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Appliance {ApplianceId} attached to meter {MeterId}")]
    private partial void LogAttached(string applianceId, string meterId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Appliance {ApplianceId} certificate #{Serial} revoked from {RevokedAt}")]
    private partial void LogRevoked(string applianceId, ulong serial, DateTimeOffset revokedAt);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Appliance {ApplianceId} refused report {Sequence} at height {Height}: {Reason}: {Detail}")]
    private partial void LogRefused(string applianceId, ulong sequence, long height, string reason, string detail);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Error, Message = "Appliance {ApplianceId}: a stored certificate or revocation does not verify: {Detail}")]
    private partial void LogBadStoredCertificate(string applianceId, string detail);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Error, Message = "Appliance {ApplianceId}: {Fault}; appending is refused until the store is audited")]
    private partial void LogStoreFault(string applianceId, string fault);
}
