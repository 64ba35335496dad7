using SmartGrid.Simulation.Data;

namespace SmartGrid.Simulation.Tests.Support;

/// <summary>Reads the Swiss data once, for every class of the <see cref="SwissDataCollection"/>.</summary>
public sealed class SwissDataFixture
{
    public SwissDataFixture()
    {
        Load = SwissLoadDataReader.ReadDirectory(SwissData.Directory);
        Weather = WeatherDataReader.ReadFile(SwissData.PathOf("weather_data.csv.gz"));
        Survey = HeatingSurveyReader.ReadFile(SwissData.PathOf("heatinginfo_15min.csv.gz"));
        Temperatures = DailyTemperatureSeries.FromHourly(Weather.Hours, Load.FirstDay, Load.DayCount);
    }

    public SwissLoadDataSet Load { get; }

    public HourlyTemperatureData Weather { get; }

    public HeatingSurveyData Survey { get; }

    public DailyTemperatureSeries Temperatures { get; }
}
