using SmartGrid.Ledger.Crypto;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>Fixed keys, so every signature in the tests is the same on every run (Ed25519 is deterministic).</summary>
internal static class TestKeys
{
    /// <summary>RFC 8032 §7.1 TEST 1 secret key.</summary>
    public const string Rfc8032Test1Secret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    /// <summary>RFC 8032 §7.1 TEST 1 public key.</summary>
    public const string Rfc8032Test1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    /// <summary>RFC 8032 §7.1 TEST 2 secret key.</summary>
    public const string Rfc8032Test2Secret = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

    /// <summary>RFC 8032 §7.1 TEST 2 public key.</summary>
    public const string Rfc8032Test2Public = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

    private static readonly byte[] Seed = "smartgrid-ledger-tests"u8.ToArray();

    /// <summary>The meter key of the pinned block: RFC 8032 TEST 1.</summary>
    public static SigningKeyPair Meter { get; } = SigningKeyPair.FromPrivateKey(Convert.FromHexString(Rfc8032Test1Secret));

    /// <summary>The utility root of the pinned certificate: RFC 8032 TEST 2.</summary>
    public static SigningKeyPair Root { get; } = SigningKeyPair.FromPrivateKey(Convert.FromHexString(Rfc8032Test2Secret));

    /// <summary>A key derived for a label, for every other party a test needs (attackers, second roots).</summary>
    public static SigningKeyPair Derived(string label) => SigningKeyPair.Derive(Seed, label);
}
