namespace SmartGrid.Contracts.Tiers;

/// <summary>The utility (cloud tier): anchors its substations' chains; the top of every proof.</summary>
[Alias("smartgrid.tiers.IUtilityGrain")]
public interface IUtilityGrain : IAnchorParentGrain;
