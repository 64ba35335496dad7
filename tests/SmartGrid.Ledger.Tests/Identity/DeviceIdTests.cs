using SmartGrid.Ledger.Identity;

namespace SmartGrid.Ledger.Tests.Identity;

/// <summary>Device identities: 1 to 64 characters of A-Z a-z 0-9 . _ : -, compared ordinally.</summary>
public class DeviceIdTests
{
    [Theory]
    [InlineData("m")]
    [InlineData("meter-0001")]
    [InlineData("DE0012345678901234567890123456789")]
    [InlineData("substation:north_7.feeder-2")]
    public void Accepts_identities_from_the_allowed_alphabet(string text)
    {
        var id = DeviceId.Parse(text);

        id.Value.Should().Be(text);
        id.ToString().Should().Be(text);
        id.IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void Accepts_exactly_64_characters()
    {
        DeviceId.Parse(new string('a', 64)).Value.Should().HaveLength(64);
    }

    [Fact]
    public void Rejects_an_empty_identity_saying_so()
    {
        FluentActions.Invoking(() => DeviceId.Parse(""))
            .Should().ThrowExactly<ArgumentException>().WithMessage("a device id must not be empty*");
        DeviceId.TryParse(null, out _, out var error).Should().BeFalse();
        error.Should().Be("a device id must not be empty");
    }

    [Fact]
    public void Rejects_65_characters_naming_the_length_and_the_limit()
    {
        FluentActions.Invoking(() => DeviceId.Parse(new string('a', 65)))
            .Should().ThrowExactly<ArgumentException>().WithMessage("device id 'aaaaaaaaaaaaaaaa...' has 65 characters, at most 64 are allowed*");
    }

    [Theory]
    [InlineData("meter 01", ' ', 5)]
    [InlineData("zähler", 'ä', 1)]
    [InlineData("a/b", '/', 1)]
    [InlineData("meter#", '#', 5)]
    [InlineData("\u0000", '\u0000', 0)]
    public void Rejects_a_character_outside_the_alphabet_naming_it_and_its_position(string text, char bad, int position)
    {
        DeviceId.TryParse(text, out var id, out var error).Should().BeFalse();

        id.IsEmpty.Should().BeTrue();
        error.Should().Be($"device id '{text}' has '{bad}' at position {position}; only A-Z a-z 0-9 . _ : - are allowed");
        FluentActions.Invoking(() => DeviceId.Parse(text)).Should().ThrowExactly<ArgumentException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void The_default_value_is_empty()
    {
        default(DeviceId).IsEmpty.Should().BeTrue();
        default(DeviceId).Value.Should().BeEmpty();
    }

    [Fact]
    public void Identities_compare_by_ordinal_value()
    {
        var upper = DeviceId.Parse("B");
        var lower = DeviceId.Parse("a");

        (upper < lower).Should().BeTrue();
        (lower >= upper).Should().BeTrue();
        DeviceId.Parse("meter-1").Should().Be(DeviceId.Parse("meter-1"));
        (DeviceId.Parse("meter-1") != DeviceId.Parse("Meter-1")).Should().BeTrue();
        DeviceId.Parse("meter-1").GetHashCode().Should().Be(DeviceId.Parse("meter-1").GetHashCode());
    }
}
