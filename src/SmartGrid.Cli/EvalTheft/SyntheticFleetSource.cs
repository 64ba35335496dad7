using System.Globalization;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// Households of the calibrated load model (<see cref="HouseholdLoadModel"/> with its default,
/// Swiss-calibrated parameters), seeded: the same fleet a <c>smartgrid run</c> with that seed builds.
/// Days are consecutive 24-hour blocks from local midnight of <see cref="FirstDay"/> (a period with
/// no daylight-saving change for up to 150 days).
/// </summary>
public static class SyntheticFleetSource
{
    /// <summary>The first simulated day (the Monday after the 2018 autumn clock change, as the Swiss data).</summary>
    public static readonly DateOnly FirstDay = new(2018, 10, 29);

    /// <summary>Simulates <paramref name="households"/> households for <paramref name="days"/> days at <paramref name="interval"/>.</summary>
    public static TheftDataSet Load(int households, int days, ulong seed, TimeSpan interval)
    {
        var model = new HouseholdLoadModel(LoadModelParameters.Default, seed);
        var perDay = (int)(TimeSpan.TicksPerDay / interval.Ticks);
        var midnight = FirstDay.ToDateTime(TimeOnly.MinValue);
        var start = new DateTimeOffset(midnight, model.TimeZone.GetUtcOffset(midnight));
        var dates = Enumerable.Range(0, days).Select(d => FirstDay.AddDays(d)).ToArray();
        var result = new LabelledHousehold[households];
        Parallel.For(0, households, new ParallelOptions { MaxDegreeOfParallelism = 2 }, h =>
        {
            var household = new ModelHousehold(model, h);
            var readings = new double[days][];
            for (var d = 0; d < days; d++)
            {
                readings[d] = new double[perDay];
                for (var t = 0; t < perDay; t++)
                {
                    readings[d][t] = household.NextIntervalKWh(start + (interval * ((d * perDay) + t)), interval);
                }
            }

            result[h] = new LabelledHousehold(string.Create(CultureInfo.InvariantCulture, $"SIM-{h:D6}"), dates, readings);
        });
        var description = string.Create(CultureInfo.InvariantCulture, $"synthetic fleet: {households} households, {days} days of {perDay} readings, seed {seed}");
        return new TheftDataSet(description, interval, result, PerCustomer: false);
    }
}
