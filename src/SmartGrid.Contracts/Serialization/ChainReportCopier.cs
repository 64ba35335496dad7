using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Chain reports are immutable.</summary>
[RegisterCopier]
public sealed class ChainReportCopier : ShallowCopier<ChainReport>;
