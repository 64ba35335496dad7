using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Merkle;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tests.Support;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Tests.Tiers;

public class AnchorBlockTests
{
    private static readonly DeviceId Concentrator = DeviceId.Parse("dc-7");
    private static readonly DateTimeOffset Sealed = new(2025, 3, 1, 1, 0, 0, 250, TimeSpan.Zero);

    private static Anchor MeterAnchor(string id, ulong sequence) =>
        new(DeviceRole.Meter, DeviceId.Parse(id), sequence, Hash256.Compute(System.Text.Encoding.ASCII.GetBytes($"{id}#{sequence}")));

    private static AnchorBlock Sample(params Anchor[] anchors) => AnchorBlock.Create(
        DeviceRole.Concentrator, Concentrator, 3, 9, Hash256.Compute([1, 2, 3]), Sealed, anchors,
        [new FeederReading(Sealed.AddMinutes(-15), Sealed, 12_345)], TestKeys.Derived("dc-7"));

    [Fact]
    public void Decoding_the_stored_bytes_gives_back_every_field_and_the_same_hash()
    {
        var block = Sample(MeterAnchor("m-b", 4), MeterAnchor("m-a", 0), MeterAnchor("m-c", 11));

        var decoded = AnchorBlock.Decode(block.Encoded.Span);

        decoded.Role.Should().Be(DeviceRole.Concentrator);
        decoded.Node.Should().Be(Concentrator);
        decoded.Sequence.Should().Be(3);
        decoded.KeySerial.Should().Be(9);
        decoded.Timestamp.Should().Be(Sealed);
        decoded.Header.Feeder.Should().Equal(new FeederReading(Sealed.AddMinutes(-15), Sealed, 12_345));
        decoded.Anchors.Select(a => a.Child.Value).Should().Equal("m-a", "m-b", "m-c");
        decoded.Hash.Should().Be(block.Hash);
        decoded.Hash.Should().Be(Hash256.Compute(block.Header.Encoded.Span), "the block hash covers the signed header only");
        decoded.VerifySignature(TestKeys.Derived("dc-7").PublicKey).Should().BeTrue();
        decoded.Encoded.ToArray().Should().Equal(block.Encoded.ToArray());
    }

    [Fact]
    public void The_header_layout_is_the_documented_one()
    {
        var block = Sample(MeterAnchor("m-a", 0));
        var bytes = block.Header.Encoded.ToArray();

        // 0x15 01 | role 03 | "dc-7" | sequence 3 | key serial 9 | previous | time | 1 anchor | root | 1 feeder reading ...
        Convert.ToHexStringLower(bytes[..7]).Should().Be("15010304" + "64632d");
        bytes[7].Should().Be((byte)'7');
        BitConverter.ToUInt64(bytes, 8).Should().Be(3);
        BitConverter.ToUInt64(bytes, 16).Should().Be(9);
        bytes[24..56].Should().Equal(Hash256.Compute([1, 2, 3]).ToArray());
        BitConverter.ToInt64(bytes, 56).Should().Be(Sealed.ToUnixTimeMilliseconds());
        bytes[64].Should().Be(1, "one anchor");
        bytes[65..97].Should().Equal(Anchor.RootOf([MeterAnchor("m-a", 0)]).ToArray());
        bytes[97].Should().Be(1, "one feeder reading");
        bytes[^66].Should().Be(0, "no events");
        bytes[^65].Should().Be((byte)CommitScheme.SignerAlone, "the commit scheme is the last signed byte");
        bytes.Length.Should().Be(97 + 1 + 8 + 8 + 2 + 1 + 1 + 64, "12,345 Wh takes two varint bytes");
    }

    [Fact]
    public void Analytics_events_are_signed_into_the_header_and_round_trip_exactly()
    {
        var events = ImmutableArray.Create(
            ChainEvent.Of(ChainEventKind.EnergyImbalance, Concentrator, Sealed, 0.2034567),
            ChainEvent.Of(ChainEventKind.VoltageOutOfRange, DeviceId.Parse("m-a"), Sealed.AddMinutes(-3), 262.0),
            ChainEvent.Of(ChainEventKind.RegisterReversed, DeviceId.Parse("m-b"), Sealed, -300));
        var block = AnchorBlock.Create(DeviceRole.Concentrator, Concentrator, 3, 9, Hash256.Zero, Sealed, [MeterAnchor("m-a", 1)], [], TestKeys.Derived("dc-7"), events);

        var decoded = AnchorBlock.Decode(block.Encoded.Span);

        decoded.Header.Events.Should().Equal(events);
        decoded.Header.Events[0].MicroValue.Should().Be(203_457, "values are kept in millionths, rounded");
        decoded.Header.Events[1].Value.Should().Be(262.0);
        decoded.VerifySignature(TestKeys.Derived("dc-7").PublicKey).Should().BeTrue();
        var tampered = block.Header.Encoded.ToArray();
        tampered[^70] ^= 1;
        bool passes;
        try
        {
            passes = AnchorBlockHeader.Decode(tampered).VerifySignature(TestKeys.Derived("dc-7").PublicKey);
        }
        catch (LedgerFormatException)
        {
            passes = false;
        }

        passes.Should().BeFalse("a changed event either fails to decode or fails the signature");
    }

    [Fact]
    public void An_anchor_leaf_names_its_tier_child_sequence_and_hash()
    {
        var anchor = MeterAnchor("m-a", 258);

        var leaf = anchor.ToLeafBytes();

        Convert.ToHexStringLower(leaf[..5]).Should().Be("01036d2d61");
        BitConverter.ToUInt64(leaf, 5).Should().Be(258);
        leaf[13..].Should().Equal(anchor.Head.ToArray());
        anchor.LeafHash().Should().Be(MerkleTree.HashLeaf(leaf));
    }

    [Fact]
    public void Every_anchor_has_an_inclusion_proof_under_the_signed_root()
    {
        var block = Sample([.. Enumerable.Range(0, 13).Select(i => MeterAnchor($"meter-{i:D3}", (ulong)i))]);

        for (var i = 0; i < block.Anchors.Length; i++)
        {
            block.IndexOf(block.Anchors[i].Child).Should().Be(i);
            var proof = block.ProveAnchor(i);
            proof.TreeSize.Should().Be(13);
            proof.Verify(block.Anchors[i].LeafHash(), block.Header.AnchorRoot).Should().BeTrue();
            proof.Verify(block.Anchors[(i + 1) % 13].LeafHash(), block.Header.AnchorRoot).Should().BeFalse();
        }

        block.IndexOf(DeviceId.Parse("meter-999")).Should().Be(-1);
    }

    [Fact]
    public void A_block_with_no_anchors_has_the_empty_root()
    {
        var block = Sample();

        block.Header.AnchorCount.Should().Be(0);
        block.Header.AnchorRoot.Should().Be(MerkleTree.EmptyRoot);
        AnchorBlock.Decode(block.Encoded.Span).Anchors.Should().BeEmpty();
    }

    [Fact]
    public void A_child_named_twice_or_from_the_wrong_tier_cannot_be_sealed()
    {
        FluentActions.Invoking(() => Sample(MeterAnchor("m-a", 0), MeterAnchor("m-a", 1)))
            .Should().Throw<ArgumentException>().WithMessage("*strictly increasing*");
        var concentratorAnchor = new Anchor(DeviceRole.Concentrator, DeviceId.Parse("dc-1"), 0, Hash256.Zero);
        FluentActions.Invoking(() => Sample(concentratorAnchor))
            .Should().Throw<ArgumentException>().WithMessage("*a concentrator anchors meter chains*");
        FluentActions.Invoking(() => AnchorBlock.Create(DeviceRole.Meter, Concentrator, 0, 1, Hash256.Zero, Sealed, [], [], TestKeys.Meter))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Every_truncation_is_refused_as_bytes()
    {
        var valid = Sample(MeterAnchor("m-a", 0), MeterAnchor("m-b", 1)).Encoded.ToArray();

        foreach (var truncated in Mutations.Truncations(valid))
        {
            FluentActions.Invoking(() => AnchorBlock.Decode(truncated)).Should().Throw<LedgerFormatException>();
        }

        FluentActions.Invoking(() => AnchorBlock.Decode([.. valid, 0])).Should().Throw<LedgerFormatException>();
    }

    [Fact]
    public void An_unknown_commit_scheme_is_refused_at_its_byte()
    {
        // Scheme 1 (commit certificates) is now defined: CommitEvidenceTests. Scheme 2 is not.
        var bytes = Sample(MeterAnchor("m-a", 0)).Header.Encoded.ToArray();
        bytes[^65] = 2;

        FluentActions.Invoking(() => AnchorBlockHeader.Decode(bytes))
            .Should().Throw<LedgerFormatException>().WithMessage("*commit scheme 2*")
            .Which.Offset.Should().Be(bytes.Length - 65);
    }

    [Fact]
    public void A_header_claiming_a_tier_without_anchor_chains_is_refused()
    {
        var bytes = Sample().Header.Encoded.ToArray();
        bytes[2] = (byte)DeviceRole.Meter;

        FluentActions.Invoking(() => AnchorBlockHeader.Decode(bytes)).Should().Throw<LedgerFormatException>().WithMessage("*role 1*");
    }

    [Fact]
    public void Tier_names_round_trip_and_parents_are_one_tier_up()
    {
        foreach (var role in Enum.GetValues<DeviceRole>())
        {
            Tier.TryParse(Tier.NameOf(role), out var parsed).Should().BeTrue();
            parsed.Should().Be(role);
        }

        Tier.TryParse("Meter", out _).Should().BeFalse("names are lower case, as on the command line");
        Tier.ParentOf(DeviceRole.Meter).Should().Be(DeviceRole.Concentrator);
        Tier.ParentOf(DeviceRole.Utility).Should().BeNull();
        Tier.ChildOf(DeviceRole.Utility).Should().Be(DeviceRole.Substation);
        FluentActions.Invoking(() => Tier.ChildOf(DeviceRole.Appliance)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Feeder_readings_that_do_not_move_forward_are_refused()
    {
        FluentActions.Invoking(() => AnchorBlock.Create(
                DeviceRole.Concentrator, Concentrator, 0, 1, Hash256.Zero, Sealed, [], [new FeederReading(Sealed, Sealed, 1)], TestKeys.Meter))
            .Should().Throw<ArgumentException>().WithMessage("*not after its start*");
    }
}
