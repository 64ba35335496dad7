using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Chain defects are immutable.</summary>
[RegisterCopier]
public sealed class ChainDefectCopier : ShallowCopier<ChainDefect>;
