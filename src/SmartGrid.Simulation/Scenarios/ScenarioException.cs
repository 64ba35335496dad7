namespace SmartGrid.Simulation.Scenarios;

/// <summary>A scenario that cannot be run: which file, which field (a JSON path such as <c>attackers[0].fraction</c>) and why.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    public ScenarioException(string source, string field, string detail, Exception? inner = null)
        : base(string.IsNullOrEmpty(field) ? $"{source}: {detail}" : $"{source}: {field}: {detail}", inner)
    {
        Source = source;
        Field = field;
        Detail = detail;
    }

    /// <summary>The scenario file (or other description of the input).</summary>
    public new string Source { get; }

    /// <summary>The offending field as a JSON path, empty when the whole file is at fault.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }
}
