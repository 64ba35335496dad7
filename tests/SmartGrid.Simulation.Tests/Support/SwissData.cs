namespace SmartGrid.Simulation.Tests.Support;

/// <summary>
/// Finds the Swiss data: up from the test binaries to the directory holding SmartGridActors.sln,
/// then ../shared/data/swiss-15min (where CI has it too). Missing data fails, never skips.
/// </summary>
public static class SwissData
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "SmartGridActors.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException(
                $"No SmartGridActors.sln above {AppContext.BaseDirectory}: cannot locate the repository root, so cannot find ../shared/data/swiss-15min.");
        }

        var data = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "swiss-15min"));
        if (!System.IO.Directory.Exists(data) || !System.IO.File.Exists(Path.Combine(data, "elcons_15min_w44.csv.gz")))
        {
            throw new InvalidOperationException(
                $"The Swiss 15-minute data is missing: expected elcons_15min_w44..w50.csv.gz, weather_data.csv.gz and heatinginfo_15min.csv.gz in {data} " +
                $"(the directory ../shared/data/swiss-15min next to the repository root {directory.FullName}). These tests need the real data and fail without it.");
        }

        return data;
    }

    public static string PathOf(string name) => Path.Combine(Directory, name);
}
