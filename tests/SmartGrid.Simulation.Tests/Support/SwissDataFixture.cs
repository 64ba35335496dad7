using SmartGrid.Simulation.Data;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Support;

/// <summary>
/// Reads the Swiss data once and calibrates on it once, for every class of the
/// <see cref="SwissDataCollection"/> (reading and calibrating take a few seconds).
/// </summary>
public sealed class SwissDataFixture
{
    public SwissDataFixture()
    {
        Load = SwissLoadDataReader.ReadDirectory(SwissData.Directory);
        Weather = WeatherDataReader.ReadFile(SwissData.PathOf("weather_data.csv.gz"));
        Survey = HeatingSurveyReader.ReadFile(SwissData.PathOf("heatinginfo_15min.csv.gz"));
        Calibrator = new LoadModelCalibrator();
        Calibrated = Calibrator.Calibrate(Load, Weather, Survey);
        Clean = Calibrator.Clean(Load);
        Temperatures = Calibrator.DailyTemperatures(Weather, Load.FirstDay, Load.DayCount);

        // Written next to the test binaries on every run: copy it over
        // src/SmartGrid.Simulation/Load/LoadModelParameters.Default.json to update the defaults.
        CalibratedJsonPath = Path.Combine(AppContext.BaseDirectory, "LoadModelParameters.calibrated.json");
        File.WriteAllText(CalibratedJsonPath, Calibrated.ToJson() + "\n");
        _comparison = new Lazy<FleetComparison>(() => new FleetComparison(this));
    }

    private readonly Lazy<FleetComparison> _comparison;

    /// <summary>Real against synthetic, computed on first use.</summary>
    public FleetComparison Comparison => _comparison.Value;

    public SwissLoadDataSet Load { get; }

    public HourlyTemperatureData Weather { get; }

    public HeatingSurveyData Survey { get; }

    public LoadModelCalibrator Calibrator { get; }

    public LoadModelParameters Calibrated { get; }

    public CleanedLoadData Clean { get; }

    public DailyTemperatureSeries Temperatures { get; }

    public string CalibratedJsonPath { get; }
}
