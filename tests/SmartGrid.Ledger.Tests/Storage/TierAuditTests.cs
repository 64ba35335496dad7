using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tests.Support;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Tests.Storage;

/// <summary>
/// The audit across tiers: every chain verified, every anchor checked against the chain it
/// anchors; damage at any tier is located by tier, node and height.
/// </summary>
public class TierAuditTests
{
    private readonly TestHierarchy _ledger = new();

    private async Task BuildAsync()
    {
        await _ledger.UploadAsync(2);
        await _ledger.SealAllAsync();
        await _ledger.UploadAsync(1);
        await _ledger.SealAllAsync();
    }

    private Task<AuditReport> AuditAsync() => new LedgerAuditor(_ledger.Store, _ledger.Store, _ledger.RootKey).AuditAsync();

    private static IEnumerable<(string Chain, long Height, DefectKind Kind)> Findings(AuditReport report) => AuditFindings.Of(report);

    [Fact]
    public async Task An_honest_hierarchy_is_clean_and_counted_per_tier()
    {
        await BuildAsync();

        var report = await AuditAsync();

        report.IsClean.Should().BeTrue(string.Join("; ", Findings(report)));
        report.Chains.Should().Be(12 + 4 + 2 + 1);
        report.Tiers[DeviceRole.Meter].Should().Be(new TierAudit(12, 36, 0));
        report.Tiers[DeviceRole.Concentrator].Should().Be(new TierAudit(4, 8, 24));
        report.Tiers[DeviceRole.Substation].Should().Be(new TierAudit(2, 4, 8));
        report.Tiers[DeviceRole.Utility].Should().Be(new TierAudit(1, 2, 4));
    }

    [Fact]
    public async Task A_meter_block_re_signed_by_its_own_key_after_anchoring_is_located()
    {
        await BuildAsync();
        var meter = _ledger.Meters[DeviceId.Parse("meter-0-1-1")];
        var chain = ChainId.Meter(meter.Id);
        var stored = MeterBlock.Decode((await _ledger.Store.ReadTailAsync(chain, 1))[0].Bytes.Span);
        var forged = MeterBlock.Create(meter.Id, stored.Sequence, stored.KeySerial, stored.Previous, stored.Timestamp, Tamper.WithChangedValue(stored, delta: -40).Profile, meter.Key);
        _ledger.Store.Overwrite(chain, 2, forged.ToArray());

        var report = await AuditAsync();

        Findings(report).Should().Equal(("meter/meter-0-1-1", 2L, DefectKind.AnchoredBlockDiffers));
        report.DefectiveChains[0].Report.Defects[0].Message.Should().Contain("concentrator/dc-0-1 anchored");
    }

    [Fact]
    public async Task The_anchored_tail_of_a_concentrator_chain_deleted_is_located()
    {
        await BuildAsync();
        _ledger.Store.Delete(new ChainId(DeviceRole.Concentrator, DeviceId.Parse("dc-1-1")), 1);

        var report = await AuditAsync();

        Findings(report).Should().Equal(("concentrator/dc-1-1", 1L, DefectKind.AnchoredBlockDiffers));
        report.DefectiveChains[0].Report.Defects[0].Message.Should().Contain("is not in the store");
    }

    [Fact]
    public async Task A_concentrator_block_re_signed_with_a_meter_key_is_located()
    {
        await BuildAsync();
        var chain = new ChainId(DeviceRole.Concentrator, DeviceId.Parse("dc-0-0"));
        var stored = AnchorBlock.Decode((await _ledger.Store.ReadAsync(chain).ToListAsync())[0].Bytes.Span);
        var forged = AnchorBlock.Create(stored.Role, stored.Node, stored.Sequence, stored.KeySerial, stored.Previous, stored.Timestamp, stored.Anchors, stored.Header.Feeder, _ledger.Meters[DeviceId.Parse("meter-0-0-0")].Key);
        _ledger.Store.Overwrite(chain, 0, forged.Encoded.ToArray());

        var report = await AuditAsync();

        Findings(report).Should().Equal(
            ("concentrator/dc-0-0", 0L, DefectKind.BadSignature),
            ("concentrator/dc-0-0", 1L, DefectKind.BrokenLink),
            ("concentrator/dc-0-0", 0L, DefectKind.AnchoredBlockDiffers));
    }

    [Fact]
    public async Task Substation_blocks_swapped_in_the_store_are_located()
    {
        await BuildAsync();
        _ledger.Store.Swap(new ChainId(DeviceRole.Substation, DeviceId.Parse("sub-0")), 0, 1);

        var report = await AuditAsync();

        var findings = Findings(report).ToList();
        findings.Should().OnlyContain(f => f.Chain == "substation/sub-0");
        findings.Should().Contain((("substation/sub-0", 0L, DefectKind.SequenceGap)));
        findings.Should().Contain(f => f.Kind == DefectKind.AnchoredBlockDiffers && f.Height == 0);
    }

    [Fact]
    public async Task A_utility_block_whose_anchors_were_altered_is_located()
    {
        await BuildAsync();
        var chain = new ChainId(DeviceRole.Utility, _ledger.Utility);
        var stored = AnchorBlock.Decode((await _ledger.Store.ReadTailAsync(chain, 1))[0].Bytes.Span);
        var altered = AnchorBlock.Assemble(stored.Header, stored.Anchors.SetItem(0, stored.Anchors[0] with { Sequence = 0 }));
        _ledger.Store.Overwrite(chain, 1, altered.Encoded.ToArray());

        var report = await AuditAsync();

        Findings(report).Should().Equal(("utility/utility", 1L, DefectKind.AnchorMismatch));
    }
}
