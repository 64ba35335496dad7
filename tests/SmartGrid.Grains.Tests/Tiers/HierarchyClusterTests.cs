using SmartGrid.Client;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Proofs;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tests.Tiers;

/// <summary>
/// The whole hierarchy on a real in-process silo: 2 substations, 4 concentrators, 52 meters
/// pushing their heads up, each interval sealed bottom up; then proofs built from the database
/// offline and checked with the root key alone, and the offline audit of every tier.
/// </summary>
public sealed class HierarchyClusterTests(TierClusterFixture fixture) : IClassFixture<TierClusterFixture>
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-3);

    private SmartGridClient Client => SmartGridClient.FromGrainFactory(fixture.Client);

    private async Task UploadAsync(IEnumerable<TestDevice> meters)
    {
        foreach (var meter in meters)
        {
            var result = await Client.SubmitBlockAsync(meter.NextBlock());
            result.Accepted.Should().BeTrue(result.ToString());
        }
    }

    [Fact]
    public async Task Every_interval_is_anchored_up_to_the_utility_and_every_reading_proves_offline()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start);
        for (var interval = 0; interval < 3; interval++)
        {
            await UploadAsync(topology.Meters);
            var seal = await Client.SealTiersAsync(topology.Utility);
            seal.Sealed.Should().BeTrue(seal.Problem);
            seal.BlocksInTree.Should().Be(1 + 2 + 4, "one block per node per interval");
        }

        foreach (var concentrator in topology.Concentrators)
        {
            var status = await Client.GetNodeStatusAsync(DeviceRole.Concentrator, concentrator);
            status.Height.Should().Be(3);
            status.AnchorsSealed.Should().Be(3 * 13);
            status.Children.Should().HaveCount(13);
        }

        (await Client.GetNodeStatusAsync(DeviceRole.Utility, topology.Utility)).Should().BeEquivalentTo(new { Height = 3L, AnchorsSealed = 6L, Pending = 0 });

        // Offline: a proof for a reading of every meter, at a time in its first block.
        var proofs = await fixture.OfflineAsync(async store =>
        {
            var builder = new ProofBuilder(store, store);
            var built = new List<byte[]>();
            foreach (var meter in topology.Meters)
            {
                built.Add((await builder.BuildAsync(meter.Id, Start.AddMinutes(20))).Encode());
            }

            return built;
        });
        foreach (var (bytes, meter) in proofs.Zip(topology.Meters))
        {
            var result = ProofVerifier.Verify(bytes, ClusterFixture.Root.PublicKey);
            result.IsValid.Should().BeTrue(result.Failure);
            result.Meter.Should().Be(meter.Id);
            result.Reading!.Start.Should().Be(Start.AddMinutes(15));
            result.Path[1].Should().StartWith($"concentrator {topology.ConcentratorOfMeter[meter.Id]}#0");
            result.UtilityBlock!.Node.Should().Be(topology.Utility);
        }

        var audit = await fixture.AuditAsync();
        audit.IsClean.Should().BeTrue(string.Join("; ", audit.DefectiveChains.Select(c => $"{c.Chain}: {c.Report.FirstDefect}")));
        audit.Tiers[DeviceRole.Concentrator].Anchors.Should().BeGreaterThanOrEqualTo(4 * 3 * 13);
    }

    [Fact]
    public async Task Appliances_report_through_their_meters_up_the_tiers_and_prove_and_audit_offline()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start);
        var appliances = new Dictionary<DeviceId, TestAppliance>();
        foreach (var meter in topology.Meters)
        {
            var appliance = new TestAppliance(ClusterFixture.Root, meter.Id.Value.Replace("-m-", "-a-", StringComparison.Ordinal), meter.Id, Start);
            (await Client.ProvisionApplianceAsync(appliance.Certificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
            (await Client.AttachApplianceAsync(appliance.Id, meter.Id)).Outcome.Should().Be(ProvisionOutcome.Accepted);
            appliances[meter.Id] = appliance;
        }

        for (var interval = 0; interval < 2; interval++)
        {
            foreach (var meter in topology.Meters)
            {
                var appliance = appliances[meter.Id];
                var result = await Client.SubmitBlockAsync(meter.NextBlock(p => [appliance.Next(p.Readings[0].End, p.End, 100)]));
                result.Should().BeEquivalentTo(new { Accepted = true, IsFlagged = false }, result.ToString());
            }

            (await Client.SealTiersAsync(topology.Utility)).Sealed.Should().BeTrue();
        }

        foreach (var appliance in appliances.Values)
        {
            await TestWait.UntilAsync(async () => (await Client.GetApplianceStatusAsync(appliance.Id)).Height == 2, $"{appliance.Id} holds its two reports");
            (await Client.GetApplianceStatusAsync(appliance.Id)).Head.Should().Be(appliance.Head);
        }

        // Offline: the block carrying each appliance's latest report proves up to the utility.
        var proofs = await fixture.OfflineAsync(async store =>
        {
            var builder = new ProofBuilder(store, store);
            var built = new List<ReadingProof>();
            foreach (var meter in topology.Meters)
            {
                built.Add(await builder.BuildAsync(meter.Id, null));
            }

            return built;
        });
        foreach (var (proof, meter) in proofs.Zip(topology.Meters))
        {
            ProofVerifier.Verify(proof.Encode(), ClusterFixture.Root.PublicKey).IsValid.Should().BeTrue();
            proof.MeterBlocks[0].Reports.Should().ContainSingle().Which.Hash.Should().Be(appliances[meter.Id].Head);
        }

        var audit = await fixture.AuditAsync();
        audit.IsClean.Should().BeTrue(string.Join("; ", audit.DefectiveChains.Select(c => $"{c.Chain}: {c.Report.FirstDefect}")));
        audit.Tiers[DeviceRole.Appliance].Chains.Should().BeGreaterThanOrEqualTo(52);
        audit.Tiers[DeviceRole.Meter].Anchors.Should().BeGreaterThanOrEqualTo(2 * 52, "every report carried by a meter block is checked against its appliance's chain");
    }

    [Fact]
    public async Task Meters_cut_off_store_and_forward_and_nothing_is_lost()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 2, concentratorsPerSubstation: 1, metersPerConcentrator: 6);
        var cutOff = topology.Meters.Where((_, i) => i % 3 == 0).ToList();
        var online = topology.Meters.Except(cutOff).ToList();
        await UploadAsync(topology.Meters);
        await Client.SealTiersAsync(topology.Utility);

        // Two intervals without a link: the cut-off meters keep signing and hold their blocks.
        var held = cutOff.ToDictionary(m => m.Id, _ => new List<MeterBlock>());
        for (var interval = 0; interval < 2; interval++)
        {
            await UploadAsync(online);
            foreach (var meter in cutOff)
            {
                held[meter.Id].Add(meter.NextBlock());
            }

            await Client.SealTiersAsync(topology.Utility);
        }

        // The link returns: everything held goes in order, and a repeat of it changes nothing.
        foreach (var meter in cutOff)
        {
            held[meter.Id].Add(meter.NextBlock());
            var results = await Client.SubmitBlocksAsync(meter.Id, held[meter.Id]);
            results.Should().OnlyContain(r => r.Accepted);
            var again = await Client.SubmitBlocksAsync(meter.Id, held[meter.Id]);
            again.Should().NotContain(r => r.Accepted);
        }

        await UploadAsync(online);
        await Client.SealTiersAsync(topology.Utility);

        foreach (var meter in topology.Meters)
        {
            (await Client.GetHeadAsync(meter.Id)).Should().BeEquivalentTo(new { Height = 4L, Hash = meter.Head });
        }

        long late = 0, lateBlocks = 0;
        foreach (var concentrator in topology.Concentrators)
        {
            var status = await Client.GetNodeStatusAsync(DeviceRole.Concentrator, concentrator);
            late += status.LateDeliveries;
            lateBlocks += status.LateBlocks;
        }

        late.Should().Be(cutOff.Count, "each cut-off meter delivered once, late");
        lateBlocks.Should().Be(3 * cutOff.Count);

        // A reading taken during the outage is anchored now and proves offline.
        var outageTime = Start.AddHours(1).AddMinutes(20);
        var proof = await fixture.OfflineAsync(store => new ProofBuilder(store, store).BuildAsync(cutOff[0].Id, outageTime));
        var verified = ProofVerifier.Verify(proof, ClusterFixture.Root.PublicKey);
        verified.IsValid.Should().BeTrue(verified.Failure);
        verified.MeterSequence.Should().Be(1);
    }

    [Fact]
    public async Task A_meter_certificate_cannot_make_a_concentrator_or_sign_its_blocks()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 1, metersPerConcentrator: 1);
        var substation = topology.Substations[0];
        var impostor = DeviceId.Parse($"{substation}-impostor");
        var meterCertificate = TestTopology.CertificateOf(impostor, DeviceRole.Meter, Start);

        var provisioned = await Client.ProvisionNodeAsync(DeviceRole.Concentrator, meterCertificate, TestTopology.KeyOf(impostor), substation);
        provisioned.Outcome.Should().Be(ProvisionOutcome.WrongRole);

        // Its key, certified as a meter and adopted under the substation, signs a concentrator block anyway.
        (await Client.ProvisionMeterAsync(meterCertificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        await Client.Node(DeviceRole.Substation, substation).AdoptAsync(impostor);
        var forged = AnchorBlock.Create(DeviceRole.Concentrator, impostor, 0, meterCertificate.Serial, Hash256.Zero, DateTimeOffset.UtcNow, [], [], TestTopology.KeyOf(impostor));
        var parent = fixture.Client.GetGrain<Contracts.Tiers.ISubstationGrain>(substation.Value);

        var offered = await parent.OfferHeadAsync(forged.Header);

        offered.Accepted.Should().BeFalse();
        offered.Reason.Should().Be(DefectKind.WrongRole, offered.Message);
        (await Client.GetNodeStatusAsync(DeviceRole.Substation, substation)).Refused.Should().ContainKey(nameof(DefectKind.WrongRole));
    }

    [Fact]
    public async Task A_concentrator_header_offered_twice_or_replayed_changes_nothing()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 1, metersPerConcentrator: 2);
        await UploadAsync(topology.Meters);
        await Client.SealTiersAsync(topology.Utility);
        await UploadAsync(topology.Meters);
        await Client.SealTiersAsync(topology.Utility);
        var concentrator = topology.Concentrators.Single();
        var stored = await Client.Node(DeviceRole.Concentrator, concentrator).GetStoredBlocksAsync(0, 2);
        var first = AnchorBlock.Decode(stored[0].Bytes).Header;
        var second = AnchorBlock.Decode(stored[1].Bytes).Header;
        var parent = fixture.Client.GetGrain<Contracts.Tiers.ISubstationGrain>(topology.Substations[0].Value);

        (await parent.OfferHeadAsync(second)).Reason.Should().Be(DefectKind.Duplicate);
        (await parent.OfferHeadAsync(first)).Reason.Should().Be(DefectKind.Replay);
        var sealedAgain = await Client.Node(DeviceRole.Substation, topology.Substations[0]).SealAsync();
        sealedAgain.Sealed.Should().BeFalse("nothing new was taken");
    }

    [Fact]
    public async Task A_concentrator_key_revoked_through_the_utility_stops_signing_until_a_new_key_is_provisioned()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 1, metersPerConcentrator: 2);
        var concentrator = topology.Concentrators.Single();
        await UploadAsync(topology.Meters);
        (await Client.SealTiersAsync(topology.Utility)).BlocksInTree.Should().Be(3);
        // Revocation times have whole-second resolution: revoke from the next second on.
        var revocation = ClusterFixture.Root.Revoke(topology.NodeCertificates[concentrator], DateTimeOffset.UtcNow.AddSeconds(1), RevocationReason.KeyCompromise);

        (await Client.RevokeThroughUtilityAsync(topology.Utility, revocation)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        await UploadAsync(topology.Meters);
        var refused = await Client.Node(DeviceRole.Concentrator, concentrator).SealAsync();

        refused.Sealed.Should().BeFalse();
        refused.Problem.Should().Contain("revoked");
        (await Client.GetRevocationListAsync(topology.Utility)).Should().ContainSingle(r => r.Subject == concentrator && r.Serial == revocation.Serial);
        (await Client.GetCertificatesAsync(topology.Utility, concentrator)).Should().ContainSingle().Which.Serial.Should().Be(revocation.Serial);

        // Rotation: a new certificate and key; the substation takes headers signed with it.
        var newKey = SmartGrid.Ledger.Crypto.SigningKeyPair.Derive("rotated"u8, concentrator.Value);
        var newCertificate = ClusterFixture.Root.Issue(concentrator, DeviceRole.Concentrator, newKey.PublicKey, Start.AddYears(-1), Start.AddYears(5));
        (await Client.ProvisionNodeAsync(DeviceRole.Concentrator, newCertificate, newKey, topology.Substations[0])).Outcome.Should().Be(ProvisionOutcome.Accepted);
        var resumed = await Client.SealTiersAsync(topology.Utility);

        resumed.BlocksInTree.Should().Be(3, resumed.Problem);
        (await Client.GetCertificatesAsync(topology.Utility, concentrator)).Select(c => c.Serial).Should().BeEquivalentTo([revocation.Serial, newCertificate.Serial], "the registry keeps the revoked certificate and its successor");
        (await Client.GetNodeStatusAsync(DeviceRole.Substation, topology.Substations[0])).Refused.Should().BeEmpty();
        var audit = await fixture.AuditAsync();
        audit.DefectiveChains.Should().NotContain(c => c.Chain.Node == concentrator, "blocks before the revocation stay valid, later ones carry the new key");
    }
}
