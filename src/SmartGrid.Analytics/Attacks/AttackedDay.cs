namespace SmartGrid.Analytics.Attacks;

/// <summary>An attacked day: the attack drawn and the readings it produced.</summary>
/// <param name="Attack">The parameters drawn.</param>
/// <param name="Readings">The attacked readings, one per interval.</param>
public sealed record AttackedDay(AttackParameters Attack, IReadOnlyList<double> Readings);
