using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Crypto;

/// <summary>Ed25519 as RFC 8032 defines it, through <see cref="SigningKeyPair"/> and <see cref="PublicKey"/>.</summary>
public class Ed25519Tests
{
    private const string Test1Signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    private const string Test2Signature =
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    // RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72): secret key, public key, message, signature.
    public static TheoryData<string, string, string, string> Rfc8032Vectors => new()
    {
        { TestKeys.Rfc8032Test1Secret, TestKeys.Rfc8032Test1Public, "", Test1Signature },
        { TestKeys.Rfc8032Test2Secret, TestKeys.Rfc8032Test2Public, "72", Test2Signature },
    };

    // The same vectors as a verifier sees them: public key, message, signature.
    public static TheoryData<string, string, string> Rfc8032Signatures => new()
    {
        { TestKeys.Rfc8032Test1Public, "", Test1Signature },
        { TestKeys.Rfc8032Test2Public, "72", Test2Signature },
    };

    [Theory]
    [MemberData(nameof(Rfc8032Vectors))]
    public void Public_key_and_signature_are_exactly_the_rfc8032_ones(string secret, string expectedPublic, string message, string expectedSignature)
    {
        var key = SigningKeyPair.FromPrivateKey(Convert.FromHexString(secret));

        key.PublicKey.ToString().Should().Be(expectedPublic);
        key.Sign(Convert.FromHexString(message)).ToString().Should().Be(expectedSignature);
        Convert.ToHexStringLower(key.ExportPrivateKey()).Should().Be(secret);
    }

    [Theory]
    [MemberData(nameof(Rfc8032Signatures))]
    public void Rfc8032_signature_verifies(string publicKey, string message, string signature)
    {
        PublicKey.Parse(publicKey).Verify(Convert.FromHexString(message), new Signature(Convert.FromHexString(signature))).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Rfc8032Signatures))]
    public void A_flipped_bit_in_the_message_fails_verification(string publicKey, string message, string signature)
    {
        // The empty message of TEST 1 gets a byte to flip; TEST 2's 0x72 becomes 0x73.
        var tampered = Convert.FromHexString(message.Length == 0 ? "00" : message);
        tampered[0] ^= 0x01;

        PublicKey.Parse(publicKey).Verify(tampered, new Signature(Convert.FromHexString(signature))).Should().BeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(63)]
    public void A_flipped_bit_in_the_signature_fails_verification(int index)
    {
        var key = TestKeys.Meter;
        var message = "interval 2025-01-01T00:00Z 1234567 Wh"u8.ToArray();
        var bytes = key.Sign(message).ToArray();
        bytes[index] ^= 0x01;

        key.PublicKey.Verify(message, new Signature(bytes)).Should().BeFalse();
    }

    [Fact]
    public void A_signature_does_not_verify_under_another_key()
    {
        var message = "block"u8.ToArray();

        TestKeys.Root.PublicKey.Verify(message, TestKeys.Meter.Sign(message)).Should().BeFalse();
    }

    [Fact]
    public void Signing_is_deterministic()
    {
        var message = "block"u8.ToArray();

        TestKeys.Meter.Sign(message).Should().Be(TestKeys.Meter.Sign(message));
    }

    [Theory]
    [InlineData("0200000000000000000000000000000000000000000000000000000000000000")] // y = 2: no x on the curve
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")] // the identity: small order
    [InlineData("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f70751")]   // 31 bytes
    [InlineData("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a00")] // 33 bytes
    [InlineData("")]
    public void TryFromBytes_rejects_what_is_not_a_valid_public_key(string hex)
    {
        PublicKey.TryFromBytes(Convert.FromHexString(hex), out _).Should().BeFalse();
        FluentActions.Invoking(() => PublicKey.FromBytes(Convert.FromHexString(hex))).Should().ThrowExactly<ArgumentException>();
    }

    [Fact]
    public void TryFromBytes_accepts_a_valid_public_key_and_keeps_its_bytes()
    {
        PublicKey.TryFromBytes(Convert.FromHexString(TestKeys.Rfc8032Test1Public), out var key).Should().BeTrue();

        key.Should().Be(TestKeys.Meter.PublicKey);
        Convert.ToHexStringLower(key.Span).Should().Be(TestKeys.Rfc8032Test1Public);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void A_private_key_must_be_32_bytes(int length)
    {
        FluentActions.Invoking(() => SigningKeyPair.FromPrivateKey(new byte[length]))
            .Should().ThrowExactly<ArgumentException>().WithMessage($"*32 bytes, not {length}*");
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    public void A_signature_must_be_64_bytes(int length)
    {
        FluentActions.Invoking(() => new Signature(new byte[length])).Should().ThrowExactly<ArgumentException>();
    }

    [Fact]
    public void Derived_keys_repeat_for_a_seed_and_label_and_differ_between_labels()
    {
        byte[] seed = [1, 2, 3];

        SigningKeyPair.Derive(seed, "meter-1").PublicKey.Should().Be(SigningKeyPair.Derive(seed, "meter-1").PublicKey);
        SigningKeyPair.Derive(seed, "meter-1").PublicKey.Should().NotBe(SigningKeyPair.Derive(seed, "meter-2").PublicKey);
        SigningKeyPair.Derive(seed, "meter-1").PublicKey.Should().NotBe(SigningKeyPair.Derive([1, 2, 4], "meter-1").PublicKey);
    }
}
