namespace SmartGrid.Contracts.Tiers;

/// <summary>A substation (fog tier): anchors its concentrators' chains.</summary>
[Alias("smartgrid.tiers.ISubstationGrain")]
public interface ISubstationGrain : IAnchorParentGrain;
