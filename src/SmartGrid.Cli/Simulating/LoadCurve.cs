namespace SmartGrid.Cli.Simulating;

/// <summary>A sample household's load curve as its chain holds it: energy per reading from <paramref name="Start"/>.</summary>
/// <param name="Label">Legend text (meter id, archetype, attack).</param>
/// <param name="Start">Start of the first reading.</param>
/// <param name="Interval">Length of a reading.</param>
/// <param name="KWh">Energy of each reading, kWh.</param>
public sealed record LoadCurve(string Label, DateTimeOffset Start, TimeSpan Interval, double[] KWh);
