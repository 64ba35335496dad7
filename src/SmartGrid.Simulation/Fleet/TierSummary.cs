using SmartGrid.Ledger.Pki;

namespace SmartGrid.Simulation.Fleet;

/// <summary>One tier of the hierarchy after a run, summed over its nodes.</summary>
/// <param name="Role">The tier.</param>
/// <param name="Nodes">Nodes of the tier.</param>
/// <param name="MinHeight">Lowest chain height among them.</param>
/// <param name="MaxHeight">Highest chain height among them.</param>
/// <param name="Blocks">Blocks in all their chains.</param>
/// <param name="Anchors">Anchors those blocks carry.</param>
/// <param name="LateDeliveries">Uploads that arrived after newer data had been anchored (store-and-forward).</param>
/// <param name="LateBlocks">Blocks those late uploads carried.</param>
public sealed record TierSummary(DeviceRole Role, int Nodes, long MinHeight, long MaxHeight, long Blocks, long Anchors, long LateDeliveries, long LateBlocks);
