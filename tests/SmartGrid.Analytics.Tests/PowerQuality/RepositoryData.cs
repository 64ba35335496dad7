namespace SmartGrid.Analytics.Tests.PowerQuality;

/// <summary>Finds the shared real data: walks up from the test binaries to the folder holding SmartGridActors.sln, then ../shared/data.</summary>
internal static class RepositoryData
{
    public static string UciHouseholdFile =>
        Require(Path.Combine(SharedData, "uci-hpcd", "household_power_consumption_2006-12-16_partial.txt.gz"));

    private static string SharedData
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmartGridActors.sln")))
            {
                directory = directory.Parent;
            }

            if (directory is null)
            {
                throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds SmartGridActors.sln");
            }

            return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data"));
        }
    }

    // Missing data fails the test: a skipped real-data test would hide that nothing was checked.
    private static string Require(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"the real data file {path} is missing", path);
}
