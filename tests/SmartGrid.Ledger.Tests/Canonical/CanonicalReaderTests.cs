using SmartGrid.Ledger.Canonical;

namespace SmartGrid.Ledger.Tests.Canonical;

/// <summary>Headers, fixed-width fields and strings: every read is bounded and every anomaly a <see cref="LedgerFormatException"/>.</summary>
public class CanonicalReaderTests
{
    [Fact]
    public void Fixed_width_integers_are_little_endian()
    {
        var writer = new CanonicalWriter(0);
        writer.WriteUInt32(0x04030201);
        writer.WriteUInt64(0x0c0b0a0908070605);
        writer.WriteInt64(-2);
        writer.WriteSByte(-3);

        Convert.ToHexStringLower(writer.WrittenSpan).Should().Be("01020304" + "05060708090a0b0c" + "feffffffffffffff" + "fd");
        var reader = new CanonicalReader(writer.WrittenSpan);
        reader.ReadUInt32().Should().Be(0x04030201);
        reader.ReadUInt64().Should().Be(0x0c0b0a0908070605);
        reader.ReadInt64().Should().Be(-2);
        reader.ReadSByte().Should().Be(-3);
        reader.Remaining.Should().Be(0);
    }

    [Fact]
    public void Header_of_the_expected_type_and_a_supported_version_reads()
    {
        var reader = new CanonicalReader([0x10, 0x02]);

        reader.ReadHeader(RecordType.MeterBlock, 2).Should().Be(2);
        reader.Position.Should().Be(2);
    }

    [Fact]
    public void Header_of_another_record_type_is_rejected()
    {
        FluentActions.Invoking(() => new CanonicalReader([0x11, 0x01]).ReadHeader(RecordType.MeterBlock, 1))
            .Should().ThrowExactly<LedgerFormatException>()
            .WithMessage("expected a MeterBlock record (type 0x10) but found type 0x11 (at byte 0)")
            .Which.Offset.Should().Be(0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Header_with_an_unsupported_version_is_rejected(byte version)
    {
        FluentActions.Invoking(() => new CanonicalReader([0x10, version]).ReadHeader(RecordType.MeterBlock, 1))
            .Should().ThrowExactly<LedgerFormatException>()
            .WithMessage($"MeterBlock format version {version} is not supported (1..1)*")
            .Which.Offset.Should().Be(1);
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        FluentActions.Invoking(() =>
        {
            var reader = new CanonicalReader([0x01, 0x02, 0x03]);
            reader.ReadByte();
            reader.EnsureEnd("thing");
        }).Should().ThrowExactly<LedgerFormatException>().WithMessage("2 trailing bytes after thing (at byte 1)");
    }

    [Fact]
    public void Short_ascii_round_trips_with_a_one_byte_length()
    {
        var writer = new CanonicalWriter();
        writer.WriteShortAscii("MTR-0001");

        Convert.ToHexStringLower(writer.WrittenSpan).Should().Be("08" + "4d54522d30303031");
        new CanonicalReader(writer.WrittenSpan).ReadShortAscii().Should().Be("MTR-0001");
    }

    [Theory]
    [InlineData("00", "")]
    [InlineData("0141", "A")]
    [InlineData("03207e21", " ~!")]
    public void Printable_ascii_reads(string hex, string expected)
    {
        new CanonicalReader(Convert.FromHexString(hex)).ReadShortAscii().Should().Be(expected);
    }

    [Theory]
    [InlineData("0109")]       // tab
    [InlineData("017f")]       // DEL
    [InlineData("02c3a4")]     // UTF-8 ä
    public void Non_printable_ascii_is_rejected(string hex)
    {
        FluentActions.Invoking(() => new CanonicalReader(Convert.FromHexString(hex)).ReadShortAscii())
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("*not printable ASCII*");
    }

    [Theory]
    [InlineData("caf\u00e9")]
    [InlineData("tab\there")]
    public void Writer_refuses_text_that_is_not_printable_ascii(string text)
    {
        FluentActions.Invoking(() => new CanonicalWriter().WriteShortAscii(text)).Should().ThrowExactly<ArgumentException>();
    }

    [Fact]
    public void Writer_refuses_a_short_string_over_255_characters()
    {
        FluentActions.Invoking(() => new CanonicalWriter().WriteShortAscii(new string('a', 256)))
            .Should().ThrowExactly<ArgumentException>().WithMessage("*256 characters exceeds the 255 allowed*");
    }

    [Fact]
    public void Utf8_round_trips_with_a_varint_byte_length()
    {
        var writer = new CanonicalWriter();
        writer.WriteUtf8("Zähler");

        Convert.ToHexStringLower(writer.WrittenSpan).Should().Be("07" + "5ac3a4686c6572");
        new CanonicalReader(writer.WrittenSpan).ReadUtf8(16).Should().Be("Zähler");
    }

    [Theory]
    [InlineData("01ff")]       // not UTF-8 at all
    [InlineData("02c0af")]     // overlong encoding of '/'
    [InlineData("03eda080")]   // a UTF-16 surrogate
    public void Invalid_utf8_is_rejected(string hex)
    {
        FluentActions.Invoking(() => new CanonicalReader(Convert.FromHexString(hex)).ReadUtf8(16))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("invalid UTF-8*");
    }

    [Fact]
    public void A_byte_string_longer_than_allowed_is_rejected_before_reading_it()
    {
        FluentActions.Invoking(() => new CanonicalReader([0x05, 1, 2, 3, 4, 5]).ReadSizedBytes(4))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("byte string length is 5, outside 0..4*");
    }

    [Fact]
    public void A_byte_string_longer_than_the_input_is_truncated()
    {
        FluentActions.Invoking(() => new CanonicalReader([0x05, 1, 2]).ReadSizedBytes(16))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("truncated*");
    }
}
