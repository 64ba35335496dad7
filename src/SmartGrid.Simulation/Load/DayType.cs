namespace SmartGrid.Simulation.Load;

/// <summary>The kinds of day with their own load profile (local calendar; public holidays are not modelled).</summary>
public enum DayType
{
    /// <summary>Monday to Friday.</summary>
    Weekday = 0,

    /// <summary>Saturday.</summary>
    Saturday = 1,

    /// <summary>Sunday.</summary>
    Sunday = 2,
}
