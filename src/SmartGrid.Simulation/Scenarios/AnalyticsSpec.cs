namespace SmartGrid.Simulation.Scenarios;

/// <summary>Which analytics the silo runs during the scenario (both on by default, as in production).</summary>
public sealed record AnalyticsSpec
{
    /// <summary>Fog analytics per concentrator area (energy balance, voltage, outages, reversed registers). Default true.</summary>
    public bool Areas { get; init; } = true;

    /// <summary>Edge analytics per household, in its meter grain (forecaster bandit, daily energy and peak-to-average). Default true.</summary>
    public bool Households { get; init; } = true;
}
