namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// A household's days as evaluated: the reported readings, the ground truth per day (stolen or not,
/// and the attack label when known), and, when known, the true consumption (for simulated feeders).
/// </summary>
public sealed class LabelledHousehold
{
    /// <summary>Creates a household with every day normal.</summary>
    public LabelledHousehold(string id, DateOnly[] dates, double[][] readings)
    {
        Id = id;
        Dates = dates;
        Readings = readings;
        Labels = new bool[dates.Length];
        Types = new string?[dates.Length];
    }

    /// <summary>Household id.</summary>
    public string Id { get; }

    /// <summary>Local date of each day.</summary>
    public DateOnly[] Dates { get; }

    /// <summary>Reported readings per day (attacked days replaced by their attacked readings).</summary>
    public double[][] Readings { get; }

    /// <summary>True when the day is stolen.</summary>
    public bool[] Labels { get; }

    /// <summary>Attack label of each stolen day (<c>h1</c>.., or <c>labelled</c> for given labels); null for normal days.</summary>
    public string?[] Types { get; }

    /// <summary>Fraction of readings that were missing in the input (filled before scoring).</summary>
    public double MissingFraction { get; set; }

    /// <summary>True consumption per day when known (before injection); null otherwise.</summary>
    public double[][]? TrueReadings { get; set; }
}
