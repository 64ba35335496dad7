using System.Collections.Immutable;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// The households the calibrator fits on: negative values set to zero, all-zero and
/// non-residential households left out (see <see cref="LoadModelCalibrator.Clean"/>).
/// </summary>
public sealed class CleanedLoadData
{
    internal CleanedLoadData(DateOnly firstDay, int days, long[] householdIds, double[][] series,
        ImmutableArray<long> excludedAllZero, ImmutableArray<long> excludedNonResidential, int negativeValues)
    {
        FirstDay = firstDay;
        Days = days;
        HouseholdIds = householdIds;
        Series = series;
        ExcludedAllZero = excludedAllZero;
        ExcludedNonResidential = excludedNonResidential;
        NegativeValues = negativeValues;
    }

    /// <summary>Local date of the first value.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>Days per series.</summary>
    public int Days { get; }

    /// <summary>Ids of the households kept, in data order.</summary>
    public IReadOnlyList<long> HouseholdIds { get; }

    /// <summary>Their quarter-hour series (kWh), negative values set to zero.</summary>
    public IReadOnlyList<double[]> Series { get; }

    /// <summary>Households left out because every value is zero (or negative).</summary>
    public ImmutableArray<long> ExcludedAllZero { get; }

    /// <summary>Households left out as non-residential.</summary>
    public ImmutableArray<long> ExcludedNonResidential { get; }

    /// <summary>Negative values found (in all households, kept or not).</summary>
    public int NegativeValues { get; }
}
