using Spectre.Console;

namespace SmartGrid.Cli;

/// <summary>Output that scripts read line by line.</summary>
internal static class ConsoleRecords
{
    /// <summary>
    /// Writes <paramref name="line"/> as one line whatever the console's width: Spectre wraps what
    /// it writes at the width (80 columns on a pipe), which would split a record in two.
    /// </summary>
    public static void WriteRecord(this IAnsiConsole console, string line) => console.Profile.Out.Writer.WriteLine(line);
}
