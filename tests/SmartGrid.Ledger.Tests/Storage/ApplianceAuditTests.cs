using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Storage;

/// <summary>
/// The audit of appliance chains: each verified on its own (sequence, link, appliance certificate,
/// signature), and each stored report matched against the report its meter's block carries.
/// </summary>
public class ApplianceAuditTests
{
    private const int Blocks = 4;

    private readonly InMemoryLedgerStore _store = new();
    private readonly TestPki _pki = new();
    private readonly TestMeter _meter = new();
    private readonly TestAppliance _washer;
    private readonly TestAppliance _fridge;
    private readonly ChainId _washerChain;

    public ApplianceAuditTests()
    {
        _washer = new TestAppliance("washer-0001", _meter.Id);
        _fridge = new TestAppliance("fridge-0001", _meter.Id);
        _washerChain = new ChainId(DeviceRole.Appliance, _washer.Id);
    }

    private async Task BuildAsync(Func<int, ulong>? washerWh = null)
    {
        await _store.PutCertificateAsync(_pki.Issue(_meter));
        await _store.PutCertificateAsync(_washer.Issue(_pki));
        await _store.PutCertificateAsync(_fridge.Issue(_pki));
        for (var i = 0; i < Blocks; i++)
        {
            var reports = new List<ApplianceReport>();
            var block = _meter.NextBlockWith(p =>
            {
                reports.Add(_washer.Next(p.Start, p.End, washerWh?.Invoke(i) ?? 30));
                reports.Add(_fridge.Next(p.Start, p.End, 20));
                return reports;
            });
            await _store.AppendAsync(ChainId.Meter(_meter.Id), i, block.Encoded);
            foreach (var report in reports)
            {
                await _store.AppendAsync(new ChainId(DeviceRole.Appliance, report.ApplianceId), i, report.Encoded);
            }
        }
    }

    private Task<AuditReport> AuditAsync() => new LedgerAuditor(_store, _store, _pki.Root.PublicKey).AuditAsync();

    private static IEnumerable<(string Chain, long Height, DefectKind Kind)> Findings(AuditReport report) => AuditFindings.Of(report);

    [Fact]
    public async Task Honest_meter_and_appliance_chains_are_clean_and_counted()
    {
        await BuildAsync();

        var report = await AuditAsync();

        report.IsClean.Should().BeTrue(string.Join("; ", Findings(report)));
        report.Chains.Should().Be(3);
        report.Tiers[DeviceRole.Meter].Should().Be(new TierAudit(1, Blocks, 2 * Blocks));
        report.Tiers[DeviceRole.Appliance].Should().Be(new TierAudit(2, 2 * Blocks, 0));
    }

    [Fact]
    public async Task A_stored_appliance_report_altered_is_located_at_its_appliance_chain_and_height()
    {
        await BuildAsync();
        var stored = ApplianceReport.Decode((await _store.ReadAsync(_washerChain, 2).FirstAsync()).Bytes.Span);
        var altered = ApplianceReport.Assemble(stored.ApplianceId, stored.Household, stored.Sequence, stored.KeySerial, stored.Previous, stored.Start, stored.End, stored.EnergyWh + 500, stored.Signature);
        _store.Overwrite(_washerChain, 2, altered.ToArray());

        var report = await AuditAsync();

        Findings(report).Should().Equal(
            ("appliance/washer-0001", 2L, DefectKind.BadSignature),
            ("appliance/washer-0001", 3L, DefectKind.BrokenLink),
            ("appliance/washer-0001", 2L, DefectKind.AnchoredBlockDiffers));
        report.DefectiveChains[0].Report.Defects[2].Message.Should().Contain("the meter block carrying report 2 holds");
    }

    [Fact]
    public async Task A_report_re_signed_by_the_appliance_itself_but_not_carried_by_its_meter_is_located()
    {
        // The appliance's own key: the appliance chain alone verifies, only the meter's blocks show the swap.
        await BuildAsync();
        var stored = ApplianceReport.Decode((await _store.ReadAsync(_washerChain, Blocks - 1).FirstAsync()).Bytes.Span);
        var swapped = ApplianceReport.Create(stored.ApplianceId, stored.Household, stored.Sequence, stored.KeySerial, stored.Previous, stored.Start, stored.End, 1, _washer.Key);
        _store.Overwrite(_washerChain, Blocks - 1, swapped.ToArray());

        var report = await AuditAsync();

        Findings(report).Should().Equal(("appliance/washer-0001", (long)Blocks - 1, DefectKind.AnchoredBlockDiffers));
    }

    [Fact]
    public async Task A_meter_block_altered_in_the_store_leaves_its_appliances_reports_uncarried()
    {
        await BuildAsync();
        var chain = ChainId.Meter(_meter.Id);
        var stored = MeterBlock.Decode((await _store.ReadAsync(chain, 1).FirstAsync()).Bytes.Span);
        _store.Overwrite(chain, 1, Tamper.WithChangedValue(stored, delta: -5).ToArray());

        var report = await AuditAsync();

        Findings(report).Should().Equal(
            ("meter/meter-0001", 1L, DefectKind.BadSignature),
            ("meter/meter-0001", 2L, DefectKind.BrokenLink),
            ("appliance/fridge-0001", 1L, DefectKind.AnchoredBlockDiffers),
            ("appliance/washer-0001", 1L, DefectKind.AnchoredBlockDiffers));
    }

    [Fact]
    public async Task A_deleted_appliance_report_is_a_gap_in_the_appliance_chain()
    {
        await BuildAsync();
        _store.Delete(_washerChain, 1);

        var report = await AuditAsync();

        // The store closes the hole: report 2 now sits at height 1, and the chain is one short.
        Findings(report).Should().Equal(("appliance/washer-0001", 1L, DefectKind.SequenceGap));
    }

    [Fact]
    public async Task Appliances_claiming_more_than_their_meter_are_a_finding_at_the_meter_block()
    {
        await BuildAsync(washerWh: i => i == 2 ? 10_000UL : 30UL);

        var report = await AuditAsync();

        Findings(report).Should().Equal(("meter/meter-0001", 2L, DefectKind.ApplianceExceedsMeter));
        report.DefectiveChains[0].Report.Defects[0].Message.Should().Match("meter meter-0001 block 2: 2 appliance reports claim 10020 Wh, the meter's 1.8.0 register rose * Wh*");
    }
}
