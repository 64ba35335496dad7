using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Device ids are values.</summary>
[RegisterCopier]
public sealed class DeviceIdCopier : ShallowCopier<DeviceId>;
