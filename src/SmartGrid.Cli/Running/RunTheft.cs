using SmartGrid.Analytics.Attacks;
using SmartGrid.Cli.Simulating;
using SmartGrid.Client;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Cli.Running;

/// <summary>
/// Thieves in <c>smartgrid run</c>: the fleet file's share of households tamper with their meters
/// (one of h1-h6 each, drawn from the seed as a scenario would), and a run of 3 or more days ends
/// with the theft screening of its days, scored against that ground truth.
/// </summary>
public static class RunTheft
{
    /// <summary>Gives the thieves of <paramref name="fleetFile"/> their conditions; returns how many there are.</summary>
    public static int Equip(VirtualFleet fleet, FleetFile fleetFile)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(fleetFile);
        if (fleetFile.Thieves is not (> 0 and var share))
        {
            return 0;
        }

        AttackerSpec[] attackers = [new AttackerSpec { Types = [.. AttackTypes.Jokar.Select(AttackTypes.Label)], Fraction = share, FromDay = fleetFile.TheftFromDay ?? 1 }];
        var thieves = 0;
        for (var i = 0; i < fleet.Meters.Count; i++)
        {
            var (group, type) = ScenarioPlan.DrawAttacker(fleet.Spec.Seed, i, attackers);
            if (group is not null)
            {
                fleet.Meters[i].Conditions = new ScenarioMeterConditions(fleet.Spec.Start, fleet.Spec.Seed, i, type, group, []);
                thieves++;
            }
        }

        return thieves;
    }

    /// <summary>
    /// Screens the whole days of this run in the utility's screening grain, from the stored chains;
    /// the alarms it hands to the concentrators are signed by one seal of the hierarchy.
    /// </summary>
    public static async Task<(TheftScreeningResult? Result, string? Skipped)> ScreenAsync(SmartGridClient client, FleetRunner runner, VirtualFleet fleet, FleetRunReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(report);
        var days = (int)((report.To - report.From).Ticks / TimeSpan.TicksPerDay);
        var setup = new TheftScreeningSetup(report.From, days, fleet.Spec.Interval, fleet.Spec.Seed, new TheftScreeningSpec(), LoadModelParameters.Default, (model, index) => new ModelHousehold(model, index));
        try
        {
            var (result, skipped) = await TheftScreening.RunAsync(client, setup, fleet, cancellationToken).ConfigureAwait(false);
            if (result is { SignedEvents: > 0 })
            {
                // A node that cannot seal now keeps the alarms for its next block.
                await runner.SealTiersAsync(fleet.Spec, cancellationToken).ConfigureAwait(false);
            }

            return (result, skipped);
        }
        catch (Analytics.AnalyticsInputException ex)
        {
            return (null, $"theft screening could not run: {ex.Message}");
        }
    }
}
