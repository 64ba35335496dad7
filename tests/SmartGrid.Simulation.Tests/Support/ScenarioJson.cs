using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Simulation.Tests.Support;

/// <summary>A minimal scenario file and the ways the scenario tests extend and refuse it.</summary>
public static class ScenarioJson
{
    /// <summary>Ten meters under two concentrators for four days from 2026-01-05, nothing going wrong.</summary>
    public const string Minimal = """
        {
          "name": "t",
          "seed": 3,
          "start": "2026-01-05T00:00:00Z",
          "days": 4,
          "topology": { "substations": 1, "concentrators_per_substation": 2, "meters_per_concentrator": 5 }
        }
        """;

    /// <summary>The minimal scenario with extra members in place of its closing brace.</summary>
    public static string With(string members) => Minimal.TrimEnd().TrimEnd('}') + ", " + members + "}";

    /// <summary>The error parsing <paramref name="json"/> as <c>test.json</c> gives; fails the test when it parses.</summary>
    public static ScenarioException Refused(string json) =>
        FluentActions.Invoking(() => ScenarioFile.Parse(json, "test.json")).Should().Throw<ScenarioException>().Which;
}
