using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Ledger records are immutable: Orleans may pass them between grains without copying.</summary>
[RegisterCopier]
public sealed class MeterBlockCopier : ShallowCopier<MeterBlock>;
