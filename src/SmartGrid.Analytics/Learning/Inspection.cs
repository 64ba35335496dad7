namespace SmartGrid.Analytics.Learning;

/// <summary>The outcome of inspecting one household that raised an alarm.</summary>
/// <param name="Score">The theft score that raised the alarm.</param>
/// <param name="ConfirmedTheft">True when the inspector confirmed theft; false for a false alarm.</param>
/// <param name="RecoveredValue">Value recovered by the inspection (back-billed energy, fines), 0 for a false alarm.</param>
public sealed record Inspection(double Score, bool ConfirmedTheft, double RecoveredValue);
