using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Messages;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Cli.Tests;

/// <summary>
/// `smartgrid run --consensus`: each substation's concentrators commit its chain as validators, and
/// the substations commit the utility's; the validator sets are stored with the deployment, so `smartgrid audit` checks every commit
/// certificate offline and names a block whose evidence was altered in the store.
/// </summary>
public sealed class ConsensusRunTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_consensus_run_stores_certified_substation_and_utility_blocks_and_audit_names_altered_evidence_by_height()
    {
        var (exit, output) = await _cli.RunAsync("--meters", "12", "--days", "1", "--meters-per-concentrator", "3", "--concentrators-per-substation", "2", "--consensus");
        exit.Should().Be(0, output);
        CliHarness.Row(output, "substation tier").Should().Be("2 nodes, height 4, 8 blocks, 16 anchors", "each interval's concentrator heads are committed before the next interval");
        CliHarness.Row(output, "utility tier").Should().Be("1 nodes, height 4, 4 blocks, 8 anchors", "the utility anchors each interval's substation blocks once they are committed");
        CliHarness.Row(output, "PoEf certified blocks").Should().Be("8 substation, 4 utility");
        CliHarness.Row(output, "PoEf concentrator areas").Should().MatchRegex(@"^forecast error \d+\.\d %, losses [2-5]\.\d %, readings complete 100\.0 %; absent in 0 of 16 area-blocks$", "the simulated feeders lose 3 % of 103 % (more in the first window, where each meter counts from its first reading)");
        CliHarness.Row(output, "PoEf rewards").Should().MatchRegex(@"^\d,\d{3}\.000 credits to \d+ households; most MTR-\d+ \d+\.\d{3}$");

        var clean = await _cli.AuditAsync();
        clean.ExitCode.Should().Be(0, clean.Output);
        clean.Output.Should().Contain("commit certificates checked against 3 validator sets stored with the deployment");
        foreach (var (node, role) in new[] { ("SUB-001", DeviceRole.Substation), ("SUB-002", DeviceRole.Substation), ("UTILITY", DeviceRole.Utility) })
        {
            var stored = AnchorBlock.Decode(_cli.ReadStored(node, 3, role));
            stored.Header.Commit.Should().Be(CommitScheme.CommitCertificate, $"{node} is committed by its validators");
            stored.Evidence!.Height.Should().Be(4, "consensus height h commits block h-1");
        }

        // What the validators observed of their areas (POEF.md §4.1): every meter's readings arrived;
        // the simulated feeders deliver 3 % more than the meters use (291 bp of losses, give or take
        // the feeder's rounding); the feeder's load is forecast from the earlier intervals. The
        // utility's validators see each substation as the mean of its concentrators.
        var means = new List<EfficiencyObservation>();
        foreach (var substation in new[] { "SUB-001", "SUB-002" })
        {
            var committed = ConsensusBlock.Decode(AnchorBlock.Decode(_cli.ReadStored(substation, 3, DeviceRole.Substation)).Evidence!.ConsensusHeader.Span);
            var observations = committed.Observations;

            // Its six households are ranked on the interval against the one before; the best share the budget.
            committed.Rewards.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(6);
            committed.Rewards.Sum(r => (decimal)r.Credits).Should().Be(EfficiencyParameters.Default.RewardBudget);
            observations.Should().HaveCount(2).And.OnlyContain(o => o.CompletenessBp == EfficiencyObservation.Whole && o.LossBp >= 280 && o.LossBp <= 300 && o.ForecastErrorBp < EfficiencyObservation.Whole, $"{substation}: {string.Join(", ", observations)}");
            means.Add(new EfficiencyObservation((uint)observations.Average(o => o.ForecastErrorBp), (uint)observations.Average(o => o.LossBp), (uint)observations.Average(o => o.CompletenessBp)));
        }

        var utility = ConsensusBlock.Decode(AnchorBlock.Decode(_cli.ReadStored("UTILITY", 3, DeviceRole.Utility)).Evidence!.ConsensusHeader.Span);
        utility.Observations.Should().BeEquivalentTo(means);
        utility.Rewards.Should().BeEmpty("households are rewarded once, in the blocks of their substation");

        // The last byte of the stored block is the last byte of a precommit signature in the certificate.
        var altered = _cli.ReadStored("SUB-001", 1, DeviceRole.Substation);
        altered[^1] ^= 0x01;
        _cli.WriteStored("SUB-001", 1, altered, DeviceRole.Substation);

        var audit = await _cli.AuditAsync();
        audit.ExitCode.Should().Be(1, audit.Output);
        audit.Output.Should().Contain("substation/SUB-001 height 1: CommitCertificateInvalid");
        audit.Output.Should().Contain("1 defects", "the evidence is outside every hash: nothing else changes");
    }

    [Fact]
    public async Task A_committee_of_the_substations_commits_the_utility_chain_which_still_anchors_every_substation()
    {
        var (exit, output) = await _cli.RunAsync("--meters", "12", "--days", "1", "--meters-per-concentrator", "3", "--concentrators-per-substation", "1", "--consensus", "--utility-committee", "3");
        exit.Should().Be(0, output);
        CliHarness.Row(output, "substation tier").Should().Be("4 nodes, height 4, 16 blocks, 16 anchors");
        CliHarness.Row(output, "utility tier").Should().Be("1 nodes, height 4, 4 blocks, 16 anchors", "every substation's head is anchored, committee member or not");

        var block = AnchorBlock.Decode(_cli.ReadStored("UTILITY", 3, DeviceRole.Utility));
        block.Anchors.Select(a => a.Child.Value).Should().Equal("SUB-001", "SUB-002", "SUB-003", "SUB-004");
        var committed = ConsensusBlock.Decode(block.Evidence!.ConsensusHeader.Span);
        committed.Observations.Should().HaveCount(3, "three of the four substations validate");
        committed.Claim.Should().HaveCount(3);
        var audit = await _cli.AuditAsync();
        audit.ExitCode.Should().Be(0, audit.Output);
        audit.Output.Should().Contain("commit certificates checked against 5 validator sets stored with the deployment");
    }

    [Fact]
    public async Task A_fleet_once_enrolled_keeps_committing_by_consensus_when_a_later_run_omits_the_flag()
    {
        (await _cli.RunAsync("--meters", "12", "--days", "1", "--meters-per-concentrator", "3", "--concentrators-per-substation", "2", "--consensus")).ExitCode.Should().Be(0);
        File.ReadAllText(Path.Combine(_cli.DataDirectory, "fleet.json")).Should().Contain("\"consensus\": true");

        var (exit, output) = await _cli.RunAsync("--meters", "12", "--days", "1");

        exit.Should().Be(0, output);
        CliHarness.Row(output, "substation tier").Should().Be("2 nodes, height 8, 16 blocks, 32 anchors", "the resumed run still waits for each interval's commits");
        var audit = await _cli.AuditAsync();
        audit.ExitCode.Should().Be(0, audit.Output);
        AnchorBlock.Decode(_cli.ReadStored("SUB-002", 7, DeviceRole.Substation)).Header.Commit.Should().Be(CommitScheme.CommitCertificate);
    }
}
