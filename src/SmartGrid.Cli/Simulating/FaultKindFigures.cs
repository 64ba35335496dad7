namespace SmartGrid.Cli.Simulating;

/// <summary>How well the verdicts of one fault kind matched the injected faults of that kind.</summary>
/// <param name="Kind">The scenario's kind (<c>stuck</c>, <c>flat</c>...).</param>
/// <param name="Verdict">The chain event kind that reports it (<c>RegisterStuck</c>...).</param>
/// <param name="FaultyMeters">Meters the scenario gave this fault.</param>
/// <param name="Detected">Of those, meters with a verdict of this kind in the fault's window (up to a day after its end).</param>
/// <param name="FalseAlarmMeters">Meters without this fault that got a verdict of this kind.</param>
/// <param name="Verdicts">Verdicts of this kind recorded on the chains.</param>
/// <param name="MedianDelayHours">Median hours from a detected fault's start to its first verdict, or null when none was detected.</param>
/// <param name="OtherMeters">Meters without this fault (the false-alarm rate's denominator).</param>
public sealed record FaultKindFigures(string Kind, string Verdict, int FaultyMeters, int Detected, int FalseAlarmMeters, int Verdicts, double? MedianDelayHours, int OtherMeters)
{
    /// <summary>Verdicts of this kind about faulty meters outside their fault's window (before it, or more than a day after it).</summary>
    public int OutOfWindow { get; init; }

    /// <summary>Share of the faulty meters detected, or null without any.</summary>
    public double? DetectionRate => FaultyMeters > 0 ? (double)Detected / FaultyMeters : null;

    /// <summary>Share of the other meters falsely flagged with this kind, or null without any.</summary>
    public double? FalseAlarmRate => OtherMeters > 0 ? (double)FalseAlarmMeters / OtherMeters : null;
}
