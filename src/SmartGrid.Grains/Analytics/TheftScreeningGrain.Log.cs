using Microsoft.Extensions.Logging;

namespace SmartGrid.Grains.Analytics;

public sealed partial class TheftScreeningGrain
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Theft screening {Utility}: model {ModelHash} installed ({Classifier}, threshold {Threshold})")]
    private partial void LogInstalled(string utility, string modelHash, string classifier, double threshold);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Theft screening {Utility}: model refused: {Error}")]
    private partial void LogRefusedModel(string utility, string error);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Theft screening {Utility}: the stored model no longer loads: {Error}")]
    private partial void LogStoredModelBroken(string utility, string error);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Theft screening {Utility}: {HouseholdDays} household-days from {From:O}, {Alarms} alarms, {Recorded} handed to concentrators, {Already} already recorded")]
    private partial void LogScreened(string utility, int householdDays, DateTimeOffset from, int alarms, int recorded, int already);
}
