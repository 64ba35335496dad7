using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartGrid.Simulation.Tests.Support;

/// <summary>Lists where two JSON documents differ; numbers may differ by a relative tolerance.</summary>
public static class JsonDifferences
{
    public static IReadOnlyList<string> Between(string expected, string actual, double relativeTolerance)
    {
        var differences = new List<string>();
        Walk(JsonNode.Parse(expected), JsonNode.Parse(actual), "$", relativeTolerance, differences);
        return differences;
    }

    private static void Walk(JsonNode? expected, JsonNode? actual, string path, double tolerance, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    Walk(e[name], a[name], $"{path}.{name}", tolerance, differences);
                }

                return;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Walk(e[i], a[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), tolerance, differences);
                }

                return;
            case (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number:
                var x = e.GetValue<double>();
                var y = a.GetValue<double>();
                if (Math.Abs(x - y) > tolerance * Math.Max(Math.Abs(x), Math.Abs(y)))
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: expected {x:R}, calibrated {y:R}"));
                }

                return;
            default:
                if (expected?.ToJsonString() != actual?.ToJsonString())
                {
                    differences.Add($"{path}: expected {expected?.ToJsonString() ?? "null"}, calibrated {actual?.ToJsonString() ?? "null"}");
                }

                return;
        }
    }
}
