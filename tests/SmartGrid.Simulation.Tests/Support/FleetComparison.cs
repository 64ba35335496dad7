using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Support;

/// <summary>
/// The real households (as the calibrator keeps them) against a synthetic fleet of 537 households
/// over the same 49 days, driven once by the observed 2018 temperatures (the like-for-like
/// comparison) and once by the assumed climate (what a simulation gets by default).
/// </summary>
public sealed class FleetComparison
{
    public const ulong Seed = 2018;
    public const int Households = 537;

    public FleetComparison(SwissDataFixture data)
    {
        var parameters = LoadModelParameters.Default;
        Real = LoadProfileStatistics.Summarise(data.Clean.Series, data.Clean.FirstDay);
        RealSeries = data.Clean.Series;
        var observed = new ObservedTemperatureSource(data.Temperatures, new ClimatologyTemperatureSource(parameters.Climate, Seed));
        SyntheticSeries = Fleet(new HouseholdLoadModel(parameters, Seed, observed), data);
        Synthetic = LoadProfileStatistics.Summarise(SyntheticSeries, data.Clean.FirstDay);
        SyntheticClimate = LoadProfileStatistics.Summarise(Fleet(new HouseholdLoadModel(parameters, Seed), data), data.Clean.FirstDay);
    }

    public LoadProfileSummary Real { get; }

    public LoadProfileSummary Synthetic { get; }

    public LoadProfileSummary SyntheticClimate { get; }

    public IReadOnlyList<double[]> RealSeries { get; }

    public IReadOnlyList<double[]> SyntheticSeries { get; }

    private static double[][] Fleet(HouseholdLoadModel model, SwissDataFixture data)
    {
        var local = data.Clean.FirstDay.ToDateTime(TimeOnly.MinValue);
        var start = new DateTimeOffset(local, model.TimeZone.GetUtcOffset(local));
        var fleet = new double[Households][];
        for (var h = 0; h < Households; h++)
        {
            var traits = model.CreateTraits(h);
            var state = default(HouseholdLoadState);
            fleet[h] = new double[data.Clean.Days * LoadModelParameters.SlotsPerDay];
            model.FillIntervalsKWh(traits, ref state, start, HouseholdLoadModel.Resolution, fleet[h]);
        }

        return fleet;
    }
}
