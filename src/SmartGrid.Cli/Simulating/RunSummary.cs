using System.Globalization;
using System.Text.Json;

namespace SmartGrid.Cli.Simulating;

/// <summary>
/// A result folder's <c>summary.json</c> read back for comparison: its identity (scenario, seed,
/// version, machine) and every number under <c>figures</c> and <c>performance</c>, flattened to
/// dotted keys (<c>figures.tiers.concentrator.blocks</c>).
/// </summary>
public sealed record RunSummary(string Folder, IReadOnlyDictionary<string, string> Identity, IReadOnlyDictionary<string, double> Numbers)
{
    /// <summary>Reads the summary of the result folder <paramref name="folder"/> (or of a summary file given directly).</summary>
    /// <exception cref="InvalidDataException">No summary there, or not one this version can read; the message says which.</exception>
    public static RunSummary Load(string folder)
    {
        var path = File.Exists(folder) ? folder : Path.Combine(folder, SimulationResults.SummaryFile);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{folder} is not a result folder: cannot read {path}: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a run summary: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number || format.GetInt32() != SimulationResults.SummaryVersion)
            {
                throw new InvalidDataException($"{path} is not a run summary of format {SimulationResults.SummaryVersion}");
            }

            var identity = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var numbers = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is "figures" or "performance")
                {
                    Flatten(property.Value, property.Name, numbers, identity);
                }
                else if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var inner in property.Value.EnumerateObject())
                    {
                        identity[$"{property.Name}.{inner.Name}"] = Text(inner.Value);
                    }
                }
                else if (property.Name != "format")
                {
                    identity[property.Name] = Text(property.Value);
                }
            }

            return new RunSummary(folder, identity, numbers);
        }
    }

    private static void Flatten(JsonElement element, string prefix, SortedDictionary<string, double> numbers, SortedDictionary<string, string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, $"{prefix}.{property.Name}", numbers, texts);
                }

                break;
            case JsonValueKind.Number:
                numbers[prefix] = element.GetDouble();
                break;
            default:
                texts[prefix] = Text(element);
                break;
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };
}
