namespace SmartGrid.Tests.Shared;

/// <summary>Files of the repository (linked into the test projects that read them): its root is the folder above the test binaries that holds SmartGridActors.sln.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartGridActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No SmartGridActors.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The benchmark scenarios (benchmarks/scenarios/*.json).</summary>
    public static IEnumerable<string> Scenarios() => Directory.EnumerateFiles(Path.Combine(Root.Value, "benchmarks", "scenarios"), "*.json").Order(StringComparer.Ordinal);

    /// <summary>The benchmark scenario <paramref name="name"/>.</summary>
    public static string Scenario(string name) => Path.Combine(Root.Value, "benchmarks", "scenarios", name + ".json");
}
