using System.Net;
using System.Net.Sockets;
using Spectre.Console;

namespace SmartGrid.Cli.Tests;

/// <summary>Runs `smartgrid` in process against a data folder of its own, on free ports, capturing the output.</summary>
public sealed class CliHarness : IDisposable
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "smartgrid-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataDirectory, "smartgrid.db");

    public static Task<(int ExitCode, string Output)> InvokeAsync(params string[] args) => InvokeAsync(new SynchronizedStringWriter(), CancellationToken.None, args);

    public static Task<(int ExitCode, string Output)> InvokeAsync(TextWriter output, CancellationToken cancellationToken, params string[] args) =>
        InvokeAsync(output, 240, cancellationToken, args);

    /// <summary>Runs the command on a console <paramref name="width"/> columns wide (80 is what a pipe gets).</summary>
    public static async Task<(int ExitCode, string Output)> InvokeAsync(TextWriter output, int width, CancellationToken cancellationToken, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        var exit = await SmartGridCli.InvokeAsync(args, console, cancellationToken);
        return (exit, output.ToString()!);
    }

    public Task<(int ExitCode, string Output)> RunAsync(params string[] extra) => RunAsync(new SynchronizedStringWriter(), CancellationToken.None, extra);

    public Task<(int ExitCode, string Output)> RunAsync(TextWriter output, CancellationToken cancellationToken, params string[] extra) =>
        InvokeAsync(output, cancellationToken, ["run", "--data", DataDirectory, "--silo-port", FreePort().ToString(), "--gateway-port", FreePort().ToString(), .. extra]);

    /// <summary>The value of row <paramref name="name"/> of a summary table printed by a command.</summary>
    public static string Row(string output, string name) =>
        output.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.RemoveEmptyEntries))
            .Single(cells => cells.Length >= 2 && cells[0].Trim() == name)[1].Trim();

    public Task<(int ExitCode, string Output)> AuditAsync(params string[] extra) => InvokeAsync(["audit", "--data", DataDirectory, .. extra]);

    /// <summary>The stored bytes of block <paramref name="height"/> of <paramref name="node"/>'s chain (of <paramref name="kind"/> when given), as someone with write access to the store sees them.</summary>
    public byte[] ReadStored(string node, int height, Ledger.Pki.DeviceRole? kind = null)
    {
        using var connection = OpenDatabase();
        using var command = StoredBlockCommand(connection, "SELECT data FROM tail", node, height, kind);
        return (byte[])command.ExecuteScalar()!;
    }

    /// <summary>Overwrites the stored bytes of block <paramref name="height"/> of <paramref name="node"/>'s chain (of <paramref name="kind"/> when given).</summary>
    public void WriteStored(string node, int height, byte[] data, Ledger.Pki.DeviceRole? kind = null)
    {
        using var connection = OpenDatabase();
        using var command = StoredBlockCommand(connection, "UPDATE tail SET data = $data", node, height, kind);
        command.Parameters.AddWithValue("$data", data);
        command.ExecuteNonQuery().Should().Be(1);
    }

    /// <summary>A connection to the run's database, outside the silo.</summary>
    public Microsoft.Data.Sqlite.SqliteConnection OpenDatabase()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static Microsoft.Data.Sqlite.SqliteCommand StoredBlockCommand(Microsoft.Data.Sqlite.SqliteConnection connection, string statement, string node, int height, Ledger.Pki.DeviceRole? kind)
    {
        var command = connection.CreateCommand();
        // The row of an unsealed height of the chain (a sealed block's row may still wait for the
        // sweep, but is no longer read).
        command.CommandText = statement + " WHERE rowid IN (SELECT t.rowid FROM tail t JOIN chains c ON c.kind = t.kind AND c.node = t.node WHERE t.node = $node AND t.height = $height AND t.height >= c.sealed AND t.height < c.height" + (kind is null ? string.Empty : " AND t.kind = $kind") + ")";
        command.Parameters.AddWithValue("$node", node);
        command.Parameters.AddWithValue("$height", height);
        if (kind is { } role)
        {
            command.Parameters.AddWithValue("$kind", (int)role);
        }

        return command;
    }

    /// <summary>Gives this folder the same fleet (seed, start, cadence) as <paramref name="other"/>, not yet run.</summary>
    public void StartLike(CliHarness other)
    {
        Directory.CreateDirectory(DataDirectory);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(other.DataDirectory, "fleet.json")))!.AsObject();
        json.Remove("simulated_until");
        File.WriteAllText(Path.Combine(DataDirectory, "fleet.json"), json.ToJsonString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
