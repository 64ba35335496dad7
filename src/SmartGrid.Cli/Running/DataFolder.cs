using Spectre.Console;
using SmartGrid.Hosting.Embedded;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Crypto;

namespace SmartGrid.Cli.Running;

/// <summary>
/// Opening a deployment's data folder offline, read-only, for the commands that inspect it
/// (audit, ls, prove): each failure is printed as one clear line and becomes exit code 2.
/// </summary>
public static class DataFolder
{
    /// <summary>Opens the folder's database read-only; null (after printing why) when it cannot be.</summary>
    public static SqliteDatabase? OpenReadOnly(IAnsiConsole console, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(console);
        var databasePath = Path.Combine(Path.GetFullPath(dataDirectory), EmbeddedProfileOptions.DatabaseFileName);
        if (!File.Exists(databasePath))
        {
            console.MarkupLineInterpolated($"[red]error:[/] no SmartGrid database at {databasePath}");
            return null;
        }

        try
        {
            return new SqliteDatabase(new SqliteStoreOptions { Path = databasePath, ReadOnly = true });
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {databasePath} is not a SmartGrid database this version can read: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// Reads the utility root public key from <paramref name="keyPath"/>, or from the folder's
    /// <c>root.pub</c> when no path is given; null (after printing why) when it cannot be read.
    /// </summary>
    public static PublicKey? ReadRootKey(IAnsiConsole console, string? dataDirectory, string? keyPath)
    {
        ArgumentNullException.ThrowIfNull(console);
        try
        {
            return keyPath is not null
                ? KeyFile.ReadPublicKey(keyPath)
                : UtilityRootFiles.ReadPublicKey(Path.GetFullPath(dataDirectory ?? "."));
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] cannot read the utility root public key: {ex.Message}");
            return null;
        }
    }
}
