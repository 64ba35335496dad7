using System.Collections.Immutable;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tests.Support;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Tests.Tiers;

public class AnchorBlockValidatorTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Sealed = new(2025, 3, 1, 1, 0, 0, TimeSpan.Zero);
    private readonly TestPki _pki = new();
    private readonly TestMeter _node = new("dc-1");

    private AnchorBlock Block(DeviceRole role = DeviceRole.Concentrator, ulong sequence = 0, params Anchor[] anchors) =>
        AnchorBlock.Create(role, _node.Id, sequence, _node.KeySerial, Hash256.Zero, Sealed, anchors, [], _node.Key);

    private ChainDefect? Check(AnchorBlock block, DeviceRole role = DeviceRole.Concentrator) =>
        AnchorBlockValidator.Check(block, role, _node.Id, ChainHead.Genesis, _pki.Registry, Sealed, Skew);

    [Fact]
    public void A_concentrator_block_under_a_concentrator_certificate_passes()
    {
        _pki.Certify(_node, DeviceRole.Concentrator);

        Check(Block(anchors: new Anchor(DeviceRole.Meter, DeviceId.Parse("m-1"), 0, Hash256.Zero))).Should().BeNull();
    }

    [Fact]
    public void A_meter_certificate_cannot_sign_a_concentrator_block()
    {
        _pki.Certify(_node, DeviceRole.Meter);

        Check(Block()).ShouldBe(0, DefectKind.WrongRole, "*concentrator block*WrongRole*");
    }

    [Fact]
    public void A_substation_block_does_not_extend_a_concentrator_chain()
    {
        _pki.Certify(_node, DeviceRole.Substation);

        Check(Block(DeviceRole.Substation)).ShouldBe(0, DefectKind.WrongRole, "*sealed as a substation block, in a concentrator chain*");
    }

    [Fact]
    public void Anchors_changed_after_signing_do_not_match_the_root()
    {
        _pki.Certify(_node, DeviceRole.Concentrator);
        var block = Block(anchors: new Anchor(DeviceRole.Meter, DeviceId.Parse("m-1"), 0, Hash256.Zero));
        var forged = AnchorBlock.Assemble(block.Header, [new Anchor(DeviceRole.Meter, DeviceId.Parse("m-1"), 5, Hash256.Zero)]);

        forged.Hash.Should().Be(block.Hash, "the anchors are outside the hashed header; the root binds them");
        Check(forged).ShouldBe(0, DefectKind.AnchorMismatch, "*hash to root*");
    }

    [Fact]
    public void Unsorted_anchors_are_reported_even_if_a_forger_signs_their_root()
    {
        _pki.Certify(_node, DeviceRole.Concentrator);
        ImmutableArray<Anchor> anchors = [new(DeviceRole.Meter, DeviceId.Parse("m-2"), 0, Hash256.Zero), new(DeviceRole.Meter, DeviceId.Parse("m-1"), 0, Hash256.Zero)];
        var header = AnchorBlockHeader.Create(DeviceRole.Concentrator, _node.Id, 0, _node.KeySerial, Hash256.Zero, Sealed, 2, Anchor.RootOf(anchors.AsSpan()), [], _node.Key);

        Check(AnchorBlock.Assemble(header, anchors)).ShouldBe(0, DefectKind.AnchorMismatch, "*strictly increasing*");
    }

    [Fact]
    public void Sequence_and_link_rules_are_those_of_every_chain()
    {
        _pki.Certify(_node, DeviceRole.Concentrator);

        Check(Block(sequence: 1)).ShouldBe(0, DefectKind.SequenceGap);
        var first = Block();
        var head = ChainHead.Genesis.Advance(first);
        AnchorBlockValidator.Check(first, DeviceRole.Concentrator, _node.Id, head, _pki.Registry, Sealed, Skew).ShouldBe(1, DefectKind.Duplicate);
    }
}
