namespace SmartGrid.Grains;

/// <summary>
/// The clock chain grains judge block times by. It is separate from the silo's own
/// <see cref="TimeProvider"/> so an accelerated simulation can move ledger time forward without
/// moving Orleans' timers, membership or activation collection.
/// </summary>
/// <param name="time">The time source; the system clock in production.</param>
public sealed class LedgerClock(TimeProvider time)
{
    /// <summary>The underlying time source.</summary>
    public TimeProvider Time { get; } = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>The current ledger time.</summary>
    public DateTimeOffset UtcNow => Time.GetUtcNow();
}
