using System.Globalization;

namespace SmartGrid.Benchmarks.Scenarios;

/// <summary>Reads <c>--name value</c> pairs of a scenario command.</summary>
public sealed class ScenarioArguments(string[] args)
{
    public int Int(string name, int fallback) => Int(name, fallback, minimum: 1);

    public int Int(string name, int fallback, int minimum)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return fallback;
        }

        return index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException(minimum == 1 ? $"{name} needs a positive integer" : $"{name} needs an integer of at least {minimum}");
    }

    public bool Flag(string name) => args.Contains(name);

    // `--commit-window-us U`: how long the store's writer may hold a busy commit open for more
    // writes (SqliteStoreOptions.GroupCommitWindow; 0 never does), the store's default if absent.
    public TimeSpan CommitWindow() =>
        TimeSpan.FromMicroseconds(Int("--commit-window-us", (int)new SmartGrid.Hosting.Storage.SqliteStoreOptions().GroupCommitWindow.TotalMicroseconds, minimum: 0));
}
