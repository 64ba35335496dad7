using System.Collections.Immutable;
using SmartGrid.Simulation.Data;

namespace SmartGrid.Simulation.Load;

/// <summary>Where a parameter set came from: the data, what was left out, and the options used.</summary>
public sealed record CalibrationInfo
{
    /// <summary>Description and licence of the data.</summary>
    public string Source { get; init; } = "";

    /// <summary>The files read, with the SHA-256 of their uncompressed content.</summary>
    public ImmutableArray<DataFileInfo> Files { get; init; } = [];

    /// <summary>First local day of the data.</summary>
    public DateOnly FirstDay { get; init; }

    /// <summary>Number of days of the data.</summary>
    public int Days { get; init; }

    /// <summary>Households in the data.</summary>
    public int HouseholdsRead { get; init; }

    /// <summary>Households the model was fitted on.</summary>
    public int HouseholdsUsed { get; init; }

    /// <summary>Households left out because every value is zero (vacant or disconnected).</summary>
    public ImmutableArray<long> ExcludedAllZero { get; init; } = [];

    /// <summary>Households left out because their load is beyond any residential connection.</summary>
    public ImmutableArray<long> ExcludedNonResidential { get; init; } = [];

    /// <summary>Negative values in the data (treated as zero).</summary>
    public int NegativeValues { get; init; }

    /// <summary>Days with a measured temperature (the others were interpolated).</summary>
    public int MeasuredTemperatureDays { get; init; }

    /// <summary>The calibrator options used.</summary>
    public LoadModelCalibratorOptions Options { get; init; } = new();
}
