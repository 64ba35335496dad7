using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Messages;

/// <summary>An efficiency reward carried in a block: a household and the credits it earns (docs/POEF.md §8).</summary>
/// <param name="Household">The rewarded household's meter id.</param>
/// <param name="Credits">Reward in milli-credits.</param>
public readonly record struct Reward(DeviceId Household, ulong Credits);
