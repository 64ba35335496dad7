using System.Text.Json;
using SmartGrid.Simulation.Fleet;

namespace SmartGrid.Cli.Running;

/// <summary>
/// <c>DIR/fleet.json</c>: what <c>smartgrid run</c> needs to resume the same virtual fleet on the
/// same data (seed, start, cadence, how far it got). Keys and households follow from the seed.
/// </summary>
public sealed record FleetFile
{
    /// <summary>File name inside the data folder.</summary>
    public const string FileName = "fleet.json";

    /// <summary>How fleet and topology files are written and read (snake_case keys, indented).</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Seed of the fleet.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Number of meters last run.</summary>
    public required int Meters { get; init; }

    /// <summary>Start of the fleet's first readings.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Reading interval in seconds.</summary>
    public required int IntervalSeconds { get; init; }

    /// <summary>Upload cadence in seconds.</summary>
    public required int UploadEverySeconds { get; init; }

    /// <summary>Simulated time the fleet has uploaded up to.</summary>
    public DateTimeOffset? SimulatedUntil { get; init; }

    /// <summary>Meters per concentrator (absent in fleets written before the tiers: the default).</summary>
    public int? MetersPerConcentrator { get; init; }

    /// <summary>Concentrators per substation (absent in fleets written before the tiers: the default).</summary>
    public int? ConcentratorsPerSubstation { get; init; }

    /// <summary>Smart appliances per household (absent in fleets written before appliances: none, so their blocks stay version 1).</summary>
    public int? AppliancesPerHousehold { get; init; }

    /// <summary>Share of households that tamper with their meters (h1-h6), absent or 0 for none.</summary>
    public double? Thieves { get; init; }

    /// <summary>Simulated day (0-based from <see cref="Start"/>) from which the thieves steal.</summary>
    public int? TheftFromDay { get; init; }

    /// <summary>
    /// Whether the fleet's substations and utility commit their chains by PoEf consensus (set by
    /// the first <c>run --consensus</c>; an enrolled fleet stays so, and later runs wait for the
    /// commits with or without the flag). Absent: each node seals alone.
    /// </summary>
    public bool? Consensus { get; init; }

    /// <summary>An explicit hierarchy given as a topology file when the fleet was created (absent: the regular one).</summary>
    public TopologySpec? Topology { get; init; }

    /// <summary>The spec of this fleet with <paramref name="meters"/> meters (an explicit topology fixes its own count).</summary>
    public FleetSpec ToSpec(int meters) => new()
    {
        Seed = Seed,
        Meters = Topology?.Meters ?? meters,
        Topology = Topology,
        Start = Start,
        Interval = TimeSpan.FromSeconds(IntervalSeconds),
        UploadEvery = TimeSpan.FromSeconds(UploadEverySeconds),
        MetersPerConcentrator = MetersPerConcentrator ?? DefaultMetersPerConcentrator,
        ConcentratorsPerSubstation = ConcentratorsPerSubstation ?? DefaultConcentratorsPerSubstation,
        AppliancesPerHousehold = AppliancesPerHousehold ?? 0,
    };

    /// <summary>Appliances per household of a new fleet.</summary>
    public const int DefaultAppliancesPerHousehold = 2;

    /// <summary>Meters per concentrator of a fleet file that does not say.</summary>
    public const int DefaultMetersPerConcentrator = 125;

    /// <summary>Concentrators per substation of a fleet file that does not say.</summary>
    public const int DefaultConcentratorsPerSubstation = 10;

    /// <summary>Reads the fleet file of <paramref name="dataDirectory"/>, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a fleet file.</exception>
    public static FleetFile? Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var file = JsonSerializer.Deserialize<FleetFile>(File.ReadAllText(path), Json);
            return file is { Version: 1, Meters: > 0, IntervalSeconds: > 0, UploadEverySeconds: > 0, MetersPerConcentrator: null or > 0, ConcentratorsPerSubstation: null or > 0, AppliancesPerHousehold: null or (>= 0 and <= FleetSpec.MaxAppliancesPerHousehold), Thieves: null or (>= 0 and <= 1), TheftFromDay: null or >= 0 }
                ? file
                : throw new InvalidDataException($"{path} is not a version 1 fleet file with positive meters, interval, cadence and tier sizes, and 0..{FleetSpec.MaxAppliancesPerHousehold} appliances per household, a thief share of 0..1 and a first theft day >= 0");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the file atomically (a crash leaves the old or the new file, never half of one).</summary>
    public void Save(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
