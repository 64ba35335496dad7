namespace SmartGrid.Contracts.Analytics;

/// <summary>How a screening request ended.</summary>
public enum TheftScreeningOutcome
{
    /// <summary>The window was scored; the verdicts are in the report.</summary>
    Screened = 0,

    /// <summary>No detector is installed.</summary>
    NoModel = 1,

    /// <summary>The request was refused (the message names what was wrong); nothing was signed.</summary>
    Refused = 2,
}
