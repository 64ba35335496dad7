namespace SmartGrid.Analytics.PowerQuality;

/// <summary>Turns a failed check of caller input into an <see cref="AnalyticsInputException"/>.</summary>
internal static class InputGuard
{
    public static void Require(bool condition, string message, string paramName)
    {
        if (!condition)
        {
            throw new AnalyticsInputException(message, paramName);
        }
    }
}
