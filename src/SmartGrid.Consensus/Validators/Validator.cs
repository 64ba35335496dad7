using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Validators;

/// <summary>One member of a validator set: its identity (the grain key) and its Ed25519 public key.</summary>
/// <param name="Id">The validator's identity (a concentrator or substation id).</param>
/// <param name="Key">The key its messages are signed with.</param>
public sealed record Validator(DeviceId Id, PublicKey Key);
