using System.Text.Json;
using SmartGrid.Simulation.Fleet;

namespace SmartGrid.Cli.Running;

/// <summary>
/// Reads a topology file for <c>smartgrid run --topology FILE</c>:
/// <c>{"utility": "UTILITY", "substations": [{"id": "SUB-N", "concentrators": [{"id": "DC-N1", "meters": 125}]}]}</c>.
/// </summary>
public static class TopologyFile
{
    /// <summary>Loads and validates a topology file.</summary>
    /// <exception cref="InvalidDataException">The file is missing, not JSON, or not a valid topology; the message says which and why.</exception>
    public static TopologySpec Load(string path)
    {
        TopologySpec? topology;
        try
        {
            topology = JsonSerializer.Deserialize<TopologySpec>(File.ReadAllText(path), FleetFile.Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read the topology file {path}: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a topology file: {ex.Message}", ex);
        }

        if (topology is null)
        {
            throw new InvalidDataException($"{path} is empty");
        }

        return topology.Validate() is { } error ? throw new InvalidDataException($"{path}: {error}") : topology;
    }
}
