using SmartGrid.Ledger.Metering;

namespace SmartGrid.Ledger.Tests.Metering;

/// <summary>OBIS codes (IEC 62056-61): the full A-B:C.D.E*F form and the electricity short form C.D.E.</summary>
public class ObisCodeTests
{
    [Theory]
    [InlineData("1.8.0", 1, 0, 1, 8, 0, 255)]
    [InlineData("1-0:1.8.0*255", 1, 0, 1, 8, 0, 255)]
    [InlineData("1-0:32.7.0", 1, 0, 32, 7, 0, 255)]
    [InlineData("1-0:1.8.0.255", 1, 0, 1, 8, 0, 255)]
    [InlineData("1-1:1.8.1*101", 1, 1, 1, 8, 1, 101)]
    [InlineData("0-0:96.1.0*255", 0, 0, 96, 1, 0, 255)]
    [InlineData(" 14.7.0 ", 1, 0, 14, 7, 0, 255)]
    public void Parses_the_full_and_short_forms(string text, byte a, byte b, byte c, byte d, byte e, byte f)
    {
        ObisCode.Parse(text).Should().Be(new ObisCode(a, b, c, d, e, f));
        ObisCode.TryParse(text, out var code).Should().BeTrue();
        code.Should().Be(new ObisCode(a, b, c, d, e, f));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1.8")]
    [InlineData("1.8.0.0.0")]
    [InlineData("256.8.0")]
    [InlineData("-1.8.0")]
    [InlineData("+1.8.0")]
    [InlineData("a.b.c")]
    [InlineData("1.8.0*")]
    [InlineData("1.8.0*256")]
    [InlineData("1-0:1.8")]
    [InlineData("1:1.8.0")]
    [InlineData("1-0-0:1.8.0")]
    [InlineData("1-0:1.8.0.255*255")]
    [InlineData("1. 8.0")]
    public void Rejects_text_that_is_not_an_obis_code(string text)
    {
        ObisCode.TryParse(text, out _).Should().BeFalse();
        FluentActions.Invoking(() => ObisCode.Parse(text))
            .Should().ThrowExactly<FormatException>().WithMessage($"'{text}' is not an OBIS code*");
    }

    [Fact]
    public void Null_is_not_an_obis_code()
    {
        ObisCode.TryParse(null, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("1.8.0", "1-0:1.8.0*255", "1.8.0")]
    [InlineData("32.7.0", "1-0:32.7.0*255", "32.7.0")]
    [InlineData("1-1:1.8.0", "1-1:1.8.0*255", "1-1:1.8.0*255")]
    [InlineData("1-0:1.8.1*101", "1-0:1.8.1*101", "1-0:1.8.1*101")]
    [InlineData("0-0:1.8.0", "0-0:1.8.0*255", "0-0:1.8.0*255")]
    public void Formats_the_full_form_and_shortens_only_plain_electricity_codes(string text, string full, string shortForm)
    {
        var code = ObisCode.Parse(text);

        code.ToString().Should().Be(full);
        code.ToShortString().Should().Be(shortForm);
        ObisCode.Parse(code.ToString()).Should().Be(code);
    }

    [Fact]
    public void Named_codes_are_the_iec_62056_61_quantities()
    {
        new[]
        {
            Obis.ActiveEnergyImport, Obis.ActiveEnergyExport, Obis.ReactiveEnergyImport, Obis.ReactiveEnergyExport,
            Obis.PowerFactor, Obis.Frequency, Obis.CurrentL1, Obis.VoltageL1, Obis.CurrentL2, Obis.VoltageL2, Obis.CurrentL3, Obis.VoltageL3,
        }.Select(c => c.ToShortString()).Should().Equal(
            "1.8.0", "2.8.0", "3.8.0", "4.8.0", "13.7.0", "14.7.0", "31.7.0", "32.7.0", "51.7.0", "52.7.0", "71.7.0", "72.7.0");
    }

    [Fact]
    public void Value_groups_are_copied_and_read_in_order()
    {
        Span<byte> bytes = stackalloc byte[ObisCode.Size];
        new ObisCode(1, 2, 3, 4, 5, 6).CopyTo(bytes);

        bytes.ToArray().Should().Equal(1, 2, 3, 4, 5, 6);
        ObisCode.Read(bytes).Should().Be(new ObisCode(1, 2, 3, 4, 5, 6));
    }

    [Fact]
    public void Channels_scale_raw_integers_by_their_decimal_scaler()
    {
        Channel.VoltageL1.Scale(2301).Should().BeApproximately(230.1, 1e-9);
        Channel.VoltageL1.Unscale(230.1).Should().Be(2301);
        Channel.ActiveEnergyImportWh.Unscale(2.5).Should().Be(3, "midpoints round away from zero");
        Channel.ActiveEnergyImportWh.Unscale(-2.5).Should().Be(-3);
        Channel.ActiveEnergyImportWh.Scale(1234567).Should().Be(1234567);
        Channel.CurrentL1.ToString().Should().Be("31.7.0 [Ampere, 1e-2]");
    }
}
