using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Anchors are values.</summary>
[RegisterCopier]
public sealed class AnchorCopier : ShallowCopier<Anchor>;
