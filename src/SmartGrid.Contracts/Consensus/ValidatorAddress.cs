using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Consensus;

/// <summary>
/// Where a validator lives: one <see cref="IValidatorGrain"/> per (validator set, validator), keyed
/// <c>{set id hex}/{validator id}</c>, with an inbox stream of the same key in the set's stream
/// namespace <c>poef/{set id hex}</c>. A membership change is a new set id, so new grains and a new namespace.
/// </summary>
public static class ValidatorAddress
{
    /// <summary>What every validator stream namespace starts with (the grains subscribe implicitly to it).</summary>
    public const string NamespacePrefix = "poef/";

    /// <summary>The grain key (and inbox stream key) of <paramref name="validator"/> in the set <paramref name="setId"/>.</summary>
    public static string KeyOf(Hash256 setId, DeviceId validator) => $"{setId}/{validator.Value}";

    /// <summary>The stream namespace of the set <paramref name="setId"/>.</summary>
    public static string NamespaceOf(Hash256 setId) => NamespacePrefix + setId.ToString();

    /// <summary>Splits a grain key into set id and validator; false when it is not one.</summary>
    public static bool TryParse(string? key, out Hash256 setId, out DeviceId validator)
    {
        setId = default;
        validator = default;
        var slash = key is null ? -1 : key.IndexOf('/', StringComparison.Ordinal);
        return key is not null && slash == 2 * Hash256.Size
            && Hash256.TryParse(key[..slash], out setId)
            && DeviceId.TryParse(key[(slash + 1)..], out validator, out _);
    }
}
