using SmartGrid.Ledger.Canonical;

namespace SmartGrid.Ledger.Tests.Canonical;

/// <summary>LEB128 integers: one encoding per value, the shortest; signed values zig-zagged first.</summary>
public class VarintTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(300UL, "ac02")]
    [InlineData(16383UL, "ff7f")]
    [InlineData(16384UL, "808001")]
    [InlineData(uint.MaxValue, "ffffffff0f")]
    [InlineData(ulong.MaxValue, "ffffffffffffffffff01")]
    public void Unsigned_values_have_one_minimal_encoding_that_reads_back(ulong value, string hex)
    {
        var writer = new CanonicalWriter();
        writer.WriteVarUInt64(value);

        Convert.ToHexStringLower(writer.WrittenSpan).Should().Be(hex);
        ReadVarUInt64(hex).Should().Be(value);
    }

    [Theory]
    [InlineData("8000")]                 // 0 in two bytes
    [InlineData("ff00")]                 // 127 in two bytes
    [InlineData("808000")]               // 0 in three bytes
    [InlineData("818000")]               // 1 in three bytes
    [InlineData("ffffffffffffffffff00")] // 2^63 - 1 padded to ten bytes
    public void Non_minimal_encodings_are_rejected(string hex)
    {
        FluentActions.Invoking(() => ReadVarUInt64(hex))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("*not minimally encoded*");
    }

    [Theory]
    [InlineData("ffffffffffffffffff02")]   // bit 64 set
    [InlineData("ffffffffffffffffff7f")]
    [InlineData("ffffffffffffffffff8101")] // an eleventh byte
    public void Encodings_beyond_64_bits_are_rejected(string hex)
    {
        FluentActions.Invoking(() => ReadVarUInt64(hex))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("*overflows 64 bits*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("80")]
    [InlineData("ffffffff")]
    public void A_varint_cut_short_is_rejected(string hex)
    {
        FluentActions.Invoking(() => ReadVarUInt64(hex))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("truncated*");
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-64L, "7f")]
    [InlineData(64L, "8001")]
    [InlineData(long.MaxValue, "feffffffffffffffff01")]
    [InlineData(long.MinValue, "ffffffffffffffffff01")]
    public void Signed_values_zig_zag_and_round_trip(long value, string hex)
    {
        var writer = new CanonicalWriter();
        writer.WriteVarInt64(value);

        Convert.ToHexStringLower(writer.WrittenSpan).Should().Be(hex);
        var reader = new CanonicalReader(writer.WrittenSpan);
        reader.ReadVarInt64().Should().Be(value);
        reader.Remaining.Should().Be(0);
    }

    [Theory]
    [InlineData("03", 3)]
    [InlineData("0a", 10)]
    public void A_count_inside_its_range_reads(string hex, int expected)
    {
        var reader = new CanonicalReader(Convert.FromHexString(hex));

        reader.ReadVarCount(3, 10, "widgets").Should().Be(expected);
    }

    [Theory]
    [InlineData("02")]
    [InlineData("0b")]
    [InlineData("ffffffffffffffffff01")]
    public void A_count_outside_its_range_is_rejected_by_name(string hex)
    {
        FluentActions.Invoking(() =>
        {
            var reader = new CanonicalReader(Convert.FromHexString(hex));
            return reader.ReadVarCount(3, 10, "widgets");
        }).Should().ThrowExactly<LedgerFormatException>().WithMessage("widgets is *, outside 3..10 (at byte 0)");
    }

    private static ulong ReadVarUInt64(string hex)
    {
        var reader = new CanonicalReader(Convert.FromHexString(hex));
        var value = reader.ReadVarUInt64();
        reader.EnsureEnd("varint");
        return value;
    }
}
