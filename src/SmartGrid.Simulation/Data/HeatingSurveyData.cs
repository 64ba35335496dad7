namespace SmartGrid.Simulation.Data;

/// <summary>The heating survey file: answers by household id, and where they came from.</summary>
/// <param name="Households">Answers by household id.</param>
/// <param name="File">The file read.</param>
public sealed record HeatingSurveyData(IReadOnlyDictionary<long, HeatingSurvey> Households, DataFileInfo File);
