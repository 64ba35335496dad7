using System.Security.Cryptography;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Ledger.Tests.Hashing;

/// <summary>SHA-256 digests as 32-byte values compared by content.</summary>
public class Hash256Tests
{
    private const string Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // SHA-256("abc"), FIPS 180-2

    [Fact]
    public void Computes_sha256()
    {
        Hash256.Compute("abc"u8).ToString().Should().Be(Abc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(510)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(5000)]
    public void A_prefixed_hash_is_sha256_of_the_prefix_then_the_data_at_every_size(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(i * 7);
        }

        Hash256.Compute(0x42, data).Should().Be(new Hash256(SHA256.HashData([0x42, .. data])));
    }

    [Fact]
    public void Parses_64_hex_digits_in_either_case_and_prints_lower_case()
    {
        Hash256.Parse(Abc.ToUpperInvariant()).ToString().Should().Be(Abc);
        Hash256.TryParse(Abc, out var hash).Should().BeTrue();
        hash.Should().Be(Hash256.Compute("abc"u8));
        hash.ToShortString().Should().Be("ba7816bf8f01");
        hash.ToShortString(4).Should().Be("ba78");
        hash.ToShortString(1000).Should().Be(Abc);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adad")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Rejects_text_that_is_not_64_hex_digits(string? text)
    {
        Hash256.TryParse(text, out var hash).Should().BeFalse();
        hash.Should().Be(Hash256.Zero);
        FluentActions.Invoking(() => Hash256.Parse(text!)).Should().ThrowExactly<FormatException>();
    }

    [Fact]
    public void Must_be_32_bytes()
    {
        FluentActions.Invoking(() => new Hash256(new byte[31])).Should().ThrowExactly<ArgumentException>().WithMessage("a SHA-256 hash is 32 bytes, not 31*");
    }

    [Fact]
    public void Zero_is_the_default_and_only_it_is_zero()
    {
        default(Hash256).Should().Be(Hash256.Zero);
        Hash256.Zero.IsZero.Should().BeTrue();
        Hash256.Compute([]).IsZero.Should().BeFalse();
        (Hash256.Compute([]) != Hash256.Zero).Should().BeTrue();
    }
}
