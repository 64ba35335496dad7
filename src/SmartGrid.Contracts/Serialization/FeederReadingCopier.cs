using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Feeder readings are values.</summary>
[RegisterCopier]
public sealed class FeederReadingCopier : ShallowCopier<FeederReading>;
