namespace SmartGrid.Analytics;

/// <summary>
/// Raised when analytics input is unusable (too short, not finite, wrong shape). The message names
/// what was wrong so that callers can report it; nothing the caller accepted earlier is touched.
/// </summary>
public sealed class AnalyticsInputException : ArgumentException
{
    /// <summary>Creates the exception for the argument <paramref name="paramName"/>.</summary>
    public AnalyticsInputException(string message, string? paramName = null)
        : base(message, paramName)
    {
    }
}
