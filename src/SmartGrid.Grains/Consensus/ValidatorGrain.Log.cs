using Microsoft.Extensions.Logging;

namespace SmartGrid.Grains.Consensus;

/// <summary>Log messages of <see cref="ValidatorGrain"/> (consensus event ids: 3000s).</summary>
public sealed partial class ValidatorGrain
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Validator {Validator} of {Set} enrolled")]
    private partial void LogEnrolled(string validator, string set);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Validator {Validator} of {Set} resumed after height {Committed}, last signed at height {Height} round {Round}")]
    private partial void LogResumed(string validator, string set, ulong committed, ulong height, int round);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Validator {Validator} committed height {Height} ({Block}) in round {Round}")]
    private partial void LogCommitted(string validator, ulong height, string block, int round);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Validator {Validator} dropped a stream message that is not a consensus message: {Reason}")]
    private partial void LogUndecodable(string validator, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Validator {Validator} holds {Count} messages past its target height {Target}; dropping the oldest")]
    private partial void LogDeferredFull(string validator, int count, ulong target);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Validator {Validator} does not vote for block {Sequence}: {Reason}")]
    private partial void LogAnchorsMissing(string validator, ulong sequence, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Validator {Validator} could not record what its engine produced; the activation is dropped and will resume from what is stored")]
    private partial void LogEngineDropped(string validator, Exception exception);
}
