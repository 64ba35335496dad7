namespace SmartGrid.Simulation.Load;

/// <summary>
/// Rooftop PV output per kWp: the sun's elevation at the site (declination and hour angle, no
/// equation of time), a clear-sky irradiance that fades with air mass (Meinel: 1.353 kW/m² ×
/// 0.7^(AM^0.678)), a performance ratio, and a cloud factor per UTC day drawn from the seed, the
/// same for every roof of the region (weather is regional). Deterministic: a function of seed and time.
/// </summary>
public sealed class SolarModel
{
    private const ulong CloudStream = 0x636C6F7564646179UL; // "cloudday"

    /// <summary>Creates the model for a site.</summary>
    /// <param name="seed">Seed of the daily cloud factors.</param>
    /// <param name="latitudeDegrees">Latitude; default 47° N (the Swiss plateau, like the calibration data).</param>
    /// <param name="longitudeDegrees">Longitude east; default 8° E.</param>
    /// <param name="performanceRatio">Share of the plane irradiance the system delivers as AC energy; default 0.8.</param>
    public SolarModel(ulong seed, double latitudeDegrees = 47.0, double longitudeDegrees = 8.0, double performanceRatio = 0.8)
    {
        if (latitudeDegrees is < -66 or > 66 || longitudeDegrees is < -180 or > 180 || performanceRatio is <= 0 or > 1)
        {
            throw new ArgumentException("latitude must be within ±66°, longitude ±180°, performance ratio in (0, 1]");
        }

        Seed = seed;
        LatitudeRadians = latitudeDegrees * Math.PI / 180;
        LongitudeDegrees = longitudeDegrees;
        PerformanceRatio = performanceRatio;
    }

    /// <summary>Seed of the cloud factors.</summary>
    public ulong Seed { get; }

    /// <summary>Latitude, radians.</summary>
    public double LatitudeRadians { get; }

    /// <summary>Longitude east, degrees.</summary>
    public double LongitudeDegrees { get; }

    /// <summary>Performance ratio.</summary>
    public double PerformanceRatio { get; }

    /// <summary>Share of clear-sky output on the UTC day of <paramref name="time"/>, 0.1..1 (overcast to clear).</summary>
    public double CloudFactor(DateTimeOffset time)
    {
        var day = time.UtcTicks / TimeSpan.TicksPerDay;
        var u = SplitMix64.UnitInterval(SplitMix64.At(Seed ^ CloudStream, day));

        // Skewed towards clear days, as central Europe's sunshine hours are.
        return 0.1 + (0.9 * Math.Sqrt(u));
    }

    /// <summary>AC power of one kWp at <paramref name="time"/> under a clear sky, kW.</summary>
    public double ClearSkyKwPerKwp(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var dayOfYear = utc.DayOfYear;
        var declination = 23.44 * Math.PI / 180 * Math.Sin(2 * Math.PI * (284 + dayOfYear) / 365.0);
        var solarHours = utc.TimeOfDay.TotalHours + (LongitudeDegrees / 15.0);
        var hourAngle = (solarHours - 12) * 15 * Math.PI / 180;
        var cosZenith = (Math.Sin(LatitudeRadians) * Math.Sin(declination)) + (Math.Cos(LatitudeRadians) * Math.Cos(declination) * Math.Cos(hourAngle));
        if (cosZenith <= 0.01)
        {
            return 0;
        }

        var airMass = 1 / cosZenith;
        var irradianceKw = 1.353 * Math.Pow(0.7, Math.Pow(airMass, 0.678));
        return irradianceKw * cosZenith * PerformanceRatio;
    }

    /// <summary>Energy of <paramref name="kwp"/> kWp in [start, start + duration), kWh (midpoint of each quarter-hour).</summary>
    public double EnergyKWh(double kwp, DateTimeOffset start, TimeSpan duration)
    {
        var step = TimeSpan.FromMinutes(Math.Min(15, duration.TotalMinutes));
        var energy = 0.0;
        for (var t = start; t < start + duration; t += step)
        {
            energy += ClearSkyKwPerKwp(t + (step / 2)) * step.TotalHours;
        }

        return kwp * energy * CloudFactor(start);
    }
}
