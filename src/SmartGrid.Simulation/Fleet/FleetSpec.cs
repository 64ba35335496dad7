using System.Globalization;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Simulation.Fleet;

/// <summary>What a simulated fleet is: everything needed to re-create it exactly, and nothing more.</summary>
public sealed record FleetSpec
{
    /// <summary>Seed of every key, household and noise stream in the fleet.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Number of meters.</summary>
    public required int Meters { get; init; }

    /// <summary>When the meters' first readings start (UTC).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Length of one reading. Default 15 minutes.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often each meter uploads a block. Default 6 hours (4 blocks a day).</summary>
    public TimeSpan UploadEvery { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Prefix of meter ids. Default <c>MTR-</c>.</summary>
    public string IdPrefix { get; init; } = "MTR-";

    /// <summary>Meters per data concentrator (about 125 in large European PLC deployments).</summary>
    public int MetersPerConcentrator { get; init; } = 125;

    /// <summary>
    /// An explicit hierarchy (a topology file); when set it decides the meters per concentrator
    /// and concentrators per substation, and <see cref="Meters"/> must equal its meter count.
    /// </summary>
    public TopologySpec? Topology { get; init; }

    /// <summary>Concentrators per substation.</summary>
    public int ConcentratorsPerSubstation { get; init; } = 10;

    /// <summary>
    /// Smart appliances behind each meter, each signing its own reports carried in the meter's
    /// blocks. Default 2; 0 keeps every block at format version 1.
    /// </summary>
    public int AppliancesPerHousehold { get; init; } = 2;

    /// <summary>Most appliances per household a fleet may have (the silo's default bound per meter).</summary>
    public const int MaxAppliancesPerHousehold = 64;

    /// <summary>The id of appliance <paramref name="appliance"/> (0-based) behind meter <paramref name="meterIndex"/>: <c>APL-</c>, the meter's 7-digit number, and the appliance's number from 1.</summary>
    public DeviceId ApplianceId(int meterIndex, int appliance) =>
        DeviceId.Parse(string.Create(CultureInfo.InvariantCulture, $"APL-{meterIndex + 1:D7}-{appliance + 1}"));

    /// <summary>The id of meter <paramref name="index"/> (0-based): prefix and a 7-digit number from 1.</summary>
    public DeviceId MeterId(int index) => DeviceId.Parse(IdPrefix + (index + 1).ToString("D7", CultureInfo.InvariantCulture));

    /// <summary>Checks the spec; returns what is wrong, or null.</summary>
    public string? Validate()
    {
        if (Meters is < 1 or > 10_000_000)
        {
            return $"a fleet has 1..10,000,000 meters, not {Meters}";
        }

        if (Topology is { } topology)
        {
            if (topology.Validate() is { } topologyError)
            {
                return topologyError;
            }

            if (topology.Meters != Meters)
            {
                return string.Create(CultureInfo.InvariantCulture, $"the topology serves {topology.Meters:N0} meters, the fleet has {Meters:N0}");
            }
        }

        if (MetersPerConcentrator is < 1 or > 65_536)
        {
            return $"a concentrator anchors 1..65,536 meters, not {MetersPerConcentrator}";
        }

        if (ConcentratorsPerSubstation is < 1 or > 65_536)
        {
            return $"a substation anchors 1..65,536 concentrators, not {ConcentratorsPerSubstation}";
        }

        if (AppliancesPerHousehold is < 0 or > MaxAppliancesPerHousehold)
        {
            return $"a household has 0..{MaxAppliancesPerHousehold} smart appliances, not {AppliancesPerHousehold}";
        }

        if (Interval <= TimeSpan.Zero || TimeSpan.FromDays(1).Ticks % Interval.Ticks != 0)
        {
            return $"the reading interval must divide a day, not {Interval}";
        }

        if (UploadEvery < Interval || UploadEvery.Ticks % Interval.Ticks != 0)
        {
            return $"uploads every {UploadEvery} must be a whole number of {Interval} intervals";
        }

        return DeviceId.TryParse(IdPrefix + "0000001", out _, out var error) ? null : error;
    }
}
