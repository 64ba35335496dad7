namespace SmartGrid.Analytics.PowerQuality;

/// <summary>Which side of its threshold an excursion lies on.</summary>
internal enum ExcursionDirection
{
    Below = 1,
    Above = 2,
}
