namespace SmartGrid.Analytics.Faults;

/// <summary>Where an outage is located.</summary>
public enum OutageLevel
{
    /// <summary>One meter lost voltage while its neighbours kept it: a meter or service-cable fault.</summary>
    Meter = 1,

    /// <summary>Many meters under one concentrator lost voltage at once: its transformer or low-voltage network.</summary>
    Concentrator = 2,

    /// <summary>Several concentrators of one feeder lost voltage at once: the feeder.</summary>
    Feeder = 3,
}
