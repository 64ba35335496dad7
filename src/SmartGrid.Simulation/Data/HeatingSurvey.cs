namespace SmartGrid.Simulation.Data;

/// <summary>
/// The survey answers for one household (<c>heatinginfo_15min</c>); every answer is optional
/// and null when the household did not give it. Texts are as in the source
/// (e.g. heating "heat pump", "electric heating"; household "single family house").
/// </summary>
/// <param name="HouseholdId">The <c>VID</c> of the household.</param>
/// <param name="HouseholdType">Kind of dwelling.</param>
/// <param name="HeatingType">Kind of heating.</param>
/// <param name="HeatPumpType">Heat source of a heat pump ("geothermal", "air").</param>
/// <param name="HeatPumpAge">Age class of a heat pump ("&lt;10 years", ...).</param>
public sealed record HeatingSurvey(long HouseholdId, string? HouseholdType, string? HeatingType, string? HeatPumpType, string? HeatPumpAge);
