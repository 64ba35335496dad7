using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Hashes are values.</summary>
[RegisterCopier]
public sealed class Hash256Copier : ShallowCopier<Hash256>;
