using Microsoft.Extensions.Logging;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Grains.Meters;

/// <summary>Log messages of <see cref="MeterGrain"/>; event ids 1000-1099.</summary>
public sealed partial class MeterGrain
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Meter {MeterId} activated at height {Height}")]
    private partial void LogActivated(string meterId, long height);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Meter {MeterId} provisioned with certificate #{Serial}")]
    private partial void LogProvisioned(string meterId, ulong serial);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Meter {MeterId} refused certificate #{Serial}: {Outcome}")]
    private partial void LogProvisionRefused(string meterId, ulong serial, string outcome);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Meter {MeterId} certificate #{Serial} revoked from {RevokedAt}")]
    private partial void LogRevoked(string meterId, ulong serial, DateTimeOffset revokedAt);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Meter {MeterId} rejected a block at height {Height}: {Reason}: {Detail}")]
    private partial void LogRejected(string meterId, long height, DefectKind reason, string detail);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "Meter {MeterId} received a duplicate of block {Height}")]
    private partial void LogDuplicate(string meterId, long height);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Error, Message = "Meter {MeterId}: stored record at height {Height} does not decode; the head is taken from its bytes")]
    private partial void LogCorruptTail(string meterId, long height, Exception exception);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "Meter {MeterId}: a stored certificate or revocation does not verify: {Detail}")]
    private partial void LogBadStoredCertificate(string meterId, string detail);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Error, Message = "Meter {MeterId}: the store records {Recorded} blocks but its tail ends at {Held}; ingest is refused until the store is audited")]
    private partial void LogStoreFault(string meterId, long recorded, long held);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Error, Message = "Meter {MeterId}: the store refused an append at height {Height}; reloading the head")]
    private partial void LogAppendConflict(string meterId, long height, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Meter {MeterId} adopted appliance {ApplianceId}")]
    private partial void LogApplianceAdopted(string meterId, string applianceId);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Meter {MeterId} block {Height} flagged: its appliances claim {ApplianceWh} Wh, the meter recorded {MeterWh} Wh")]
    private partial void LogApplianceExcess(string meterId, long height, long applianceWh, long meterWh);
}
