using SmartGrid.Analytics.Attacks;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>How attacks were injected into the evaluated data (<c>--inject-attacks</c>), so training copies can be injected alike.</summary>
/// <param name="Fraction">Fraction of the eligible household-days attacked.</param>
/// <param name="Types">The attack types drawn from.</param>
/// <param name="MinimumDayKWh">Only days that used at least this much energy are attacked.</param>
public sealed record InjectionSettings(double Fraction, IReadOnlyList<AttackType> Types, double MinimumDayKWh);
