using System.CommandLine.Parsing;
using System.Globalization;

namespace SmartGrid.Cli.Commands;

/// <summary>The range check the commands' integer options share: a parse error that names the option and its bounds.</summary>
internal static class OptionRange
{
    /// <summary>Adds an error to <paramref name="result"/> when <paramref name="value"/> lies outside <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static void Check(OptionResult result, int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be within {min:N0}..{max:N0}, not {value:N0}"));
        }
    }
}
