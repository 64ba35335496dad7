namespace SmartGrid.Analytics.PowerQuality;

/// <summary>A run of samples past a start threshold, up to (not including) the sample that met the end threshold.</summary>
/// <param name="First">Index of the first sample.</param>
/// <param name="Last">Index of the last sample.</param>
/// <param name="Extreme">The lowest (below) or highest (above) value of any channel in the run.</param>
/// <param name="ExtremeChannel">The channel where the extreme was seen.</param>
/// <param name="Censored">True when the start or the end was not observed.</param>
internal readonly record struct Excursion(int First, int Last, double Extreme, int ExtremeChannel, bool Censored)
{
    public bool Overlaps(Excursion other) => First <= other.Last && other.First <= Last;
}
