using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Chain;

/// <summary>
/// <see cref="MeterBlock.Decode"/> accepts exactly the canonical bytes of one block: anything
/// else is a <see cref="LedgerFormatException"/>, never another exception, and nothing that
/// decodes after a change passes for the original.
/// </summary>
public class MeterBlockDecodingTests
{
    private static readonly byte[] Valid = PinnedRecords.Block.ToArray();

    [Fact]
    public void Decoding_and_encoding_round_trips_byte_for_byte()
    {
        var block = MeterBlock.Decode(Valid);

        block.ToArray().Should().Equal(Valid);
        MeterBlock.Assemble(block.MeterId, block.Sequence, block.KeySerial, block.Previous, block.Timestamp, block.Profile, block.Signature)
            .ToArray().Should().Equal(Valid);
    }

    [Fact]
    public void Every_truncation_is_a_format_error()
    {
        foreach (var prefix in Mutations.Truncations(Valid))
        {
            FluentActions.Invoking(() => MeterBlock.Decode(prefix))
                .Should().ThrowExactly<LedgerFormatException>($"a block cut to {prefix.Length} of {Valid.Length} bytes is not a block");
        }
    }

    [Fact]
    public void Trailing_bytes_are_a_format_error()
    {
        FluentActions.Invoking(() => MeterBlock.Decode([.. Valid, 0x00]))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("1 trailing bytes after meter block*");
    }

    [Theory]
    [InlineData(0x11)] // a certificate
    [InlineData(0x14)] // an interval reading
    [InlineData(0x00)] // a Merkle leaf prefix
    public void Another_record_type_is_a_format_error(byte type)
    {
        var bytes = (byte[])Valid.Clone();
        bytes[0] = type;

        FluentActions.Invoking(() => MeterBlock.Decode(bytes))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("expected a MeterBlock record*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void An_unknown_format_version_is_a_format_error(byte version)
    {
        var bytes = (byte[])Valid.Clone();
        bytes[1] = version;

        FluentActions.Invoking(() => MeterBlock.Decode(bytes))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage($"MeterBlock format version {version} is not supported*");
    }

    [Fact]
    public void A_version_1_block_relabelled_as_version_2_is_a_format_error()
    {
        // Version 2 exists (blocks carrying appliance reports); a v1 body read as v2 has no valid appliance section.
        var bytes = (byte[])Valid.Clone();
        bytes[1] = 2;

        FluentActions.Invoking(() => MeterBlock.Decode(bytes))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("*appliance report*");
    }

    [Fact]
    public void A_meter_id_outside_the_device_id_alphabet_is_a_format_error()
    {
        var bytes = (byte[])Valid.Clone();
        bytes[3 + 3] = (byte)' '; // "MTR-0001" -> "MTR 0001"

        FluentActions.Invoking(() => MeterBlock.Decode(bytes))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("device id 'MTR 0001' has ' ' at position 3*");
    }

    [Fact]
    public void A_block_over_the_size_limit_is_refused_before_parsing()
    {
        FluentActions.Invoking(() => MeterBlock.Decode(new byte[MeterBlock.MaxEncodedSize + 1]))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("*exceeds the 1048576 allowed");
    }

    [Theory]
    [InlineData(0xFF)] // every bit of the byte
    [InlineData(0x01)] // the lowest bit
    [InlineData(0x80)] // the highest bit (varint continuation flags)
    public void Every_single_byte_change_is_a_format_error_or_a_block_that_fails_its_signature(byte mask)
    {
        var key = TestKeys.Meter.PublicKey;

        Mutations.UndetectedSingleByteChanges(Valid, mask, bytes =>
        {
            var decoded = MeterBlock.Decode(bytes);
            return decoded.VerifySignature(key) || decoded.Hash == PinnedRecords.Block.Hash;
        }).Should().BeEmpty();
    }
}
