namespace SmartGrid.Cli.Tests;

/// <summary>`smartgrid run --topology FILE`: an explicit, irregular hierarchy from a topology file.</summary>
public sealed class TopologyFileTests : IDisposable
{
    private const string Irregular = """
        {
          "utility": "GRID-CO",
          "substations": [
            { "id": "SUB-NORTH", "concentrators": [ { "id": "DC-N1", "meters": 3 }, { "id": "DC-N2", "meters": 2 } ] },
            { "id": "SUB-SOUTH", "concentrators": [ { "id": "DC-S1", "meters": 4 } ] }
          ]
        }
        """;

    private readonly CliHarness _cli = new();

    private string TopologyPath => _cli.DataDirectory + "-topology.json";

    public void Dispose()
    {
        _cli.Dispose();
        File.Delete(TopologyPath);
    }

    private string WriteTopology(string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DataDirectory)!);
        File.WriteAllText(TopologyPath, json);
        return TopologyPath;
    }

    [Fact]
    public async Task A_topology_file_decides_the_nodes_and_which_meter_reports_where()
    {
        var (exit, output) = await _cli.RunAsync("--topology", WriteTopology(Irregular), "--days", "1", "--appliances-per-household", "0");

        exit.Should().Be(0, output);
        output.Should().Contain("concentrator tier").And.Contain("3 nodes, height 4, 12 blocks, 36 anchors");
        var (_, concentrators) = await CliHarness.InvokeAsync("ls", "--data", _cli.DataDirectory, "--tier", "concentrator");
        concentrators.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Equal("DC-N1", "DC-N2", "DC-S1");
        (await CliHarness.InvokeAsync("ls", "--data", _cli.DataDirectory, "--tier", "utility")).Output.Trim().Should().Be("GRID-CO");

        var proof = Path.Combine(_cli.DataDirectory, "m5.proof");
        (await CliHarness.InvokeAsync("prove", "--data", _cli.DataDirectory, "--meter", "MTR-0000005", "--out", proof)).ExitCode.Should().Be(0);
        var verified = await CliHarness.InvokeAsync("verify-proof", proof, "--root-key", Path.Combine(_cli.DataDirectory, "root.pub"));
        verified.Output.Should().Contain("concentrator DC-N2#").And.Contain("substation SUB-NORTH#").And.Contain("utility GRID-CO#");

        var again = await _cli.RunAsync("--topology", WriteTopology(Irregular));
        again.ExitCode.Should().Be(2, "a fleet's topology is fixed when it is created");
        again.Output.Should().Contain("already exists");
    }

    [Theory]
    [InlineData("""{ "substations": [ { "id": "SUB-A", "concentrators": [ { "id": "DC-1", "meters": 2 }, { "id": "DC-1", "meters": 2 } ] } ] }""", "'DC-1' appears twice")]
    [InlineData("""{ "substations": [ { "id": "SUB-A", "concentrators": [ { "id": "DC-1", "meters": 0 } ] } ] }""", "must serve 1..65,536 meters")]
    [InlineData("""{ "substations": [] }""", "at least one substation")]
    [InlineData("""{ "substations": [ """, "is not a topology file")]
    public async Task A_bad_topology_file_is_bad_input_that_names_the_problem(string json, string problem)
    {
        var (exit, output) = await _cli.RunAsync("--topology", WriteTopology(json));

        exit.Should().Be(2, output);
        output.Should().Contain(problem);
        File.Exists(Path.Combine(_cli.DataDirectory, "fleet.json")).Should().BeFalse("nothing is created from a bad topology");
    }
}
