using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Headers are immutable.</summary>
[RegisterCopier]
public sealed class AnchorBlockHeaderCopier : ShallowCopier<AnchorBlockHeader>;
