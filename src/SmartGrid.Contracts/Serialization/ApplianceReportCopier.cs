using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Appliances;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Ledger records are immutable: Orleans may pass them between grains without copying.</summary>
[RegisterCopier]
public sealed class ApplianceReportCopier : ShallowCopier<ApplianceReport>;
