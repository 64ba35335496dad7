using System.Runtime.CompilerServices;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Grains.Consensus;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// The validator's reading of an area from the store (POEF.md §4.1): what a concentrator's anchored
/// head shows, and why a block deleted or altered in the store shortens what is read instead of
/// failing it (a failure would stall the validators).
/// </summary>
public sealed class AreaObserverTests
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-2);
    private static readonly DeviceId Concentrator = DeviceId.Parse("dc-observed");
    private static readonly SigningKeyPair ConcentratorKey = SigningKeyPair.Derive("area-observer-tests"u8, "dc");

    /// <summary>Three intervals of one meter (406 Wh each) under one concentrator whose feeder reads 450 Wh each.</summary>
    private static async Task<(InMemoryLedgerStore Store, Anchor Head, DeviceId Meter)> AreaAsync()
    {
        var store = new InMemoryLedgerStore();
        var meter = new TestDevice(ClusterFixture.Root, "mtr-observed", Start);
        var previous = Hash256.Zero;
        Anchor head = default;
        for (var i = 0; i < 3; i++)
        {
            var from = meter.Clock;
            var block = meter.NextBlock();
            await store.AppendAsync(new ChainId(DeviceRole.Meter, meter.Id), i, block.Encoded);
            var sealedBlock = AnchorBlock.Create(DeviceRole.Concentrator, Concentrator, (ulong)i, 1, previous, meter.Clock, [Anchor.Of(DeviceRole.Meter, block)], [new FeederReading(from, meter.Clock, 450)], ConcentratorKey);
            await store.AppendAsync(new ChainId(DeviceRole.Concentrator, Concentrator), i, sealedBlock.Encoded);
            previous = sealedBlock.Hash;
            head = Anchor.Of(DeviceRole.Concentrator, sealedBlock);
        }

        return (store, head, meter.Id);
    }

    [Fact]
    public async Task An_anchored_concentrator_head_is_observed_from_its_feeder_its_history_and_its_meters_registers()
    {
        var (store, head, _) = await AreaAsync();
        var observer = new AreaObserver();

        var observation = await observer.ObserveAsync(store, store, ClusterFixture.Root.PublicKey, head);

        observation.Should().Be(new EfficiencyObservation(0, (450 - 406) * EfficiencyObservation.Whole / 450, EfficiencyObservation.Whole), "a steady feeder forecast exactly; 44 of 450 Wh unmetered; every reading present");
        (await observer.ObserveAsync(store, store, ClusterFixture.Root.PublicKey, head)).Should().Be(observation);
        observer.Computed.Should().Be(1, "an anchor is observed once; its data cannot change without changing its hash");
    }

    [Fact]
    public async Task A_meter_block_altered_in_the_store_counts_as_missing_data_and_an_altered_history_block_shortens_the_history()
    {
        var (store, head, meter) = await AreaAsync();

        var meterAltered = new AlteredStore(store, new ChainId(DeviceRole.Meter, meter), height: 2);
        (await new AreaObserver().ObserveAsync(meterAltered, store, ClusterFixture.Root.PublicKey, head)).Should().Be(
            new EfficiencyObservation(0, EfficiencyObservation.Whole, 0), "the meter's anchored block no longer reads: none of its energy or readings arrived");

        // The concentrator's first block altered: the history is block 1 alone, still a steady feeder.
        var historyAltered = new AlteredStore(store, new ChainId(DeviceRole.Concentrator, Concentrator), height: 0);
        (await new AreaObserver().ObserveAsync(historyAltered, store, ClusterFixture.Root.PublicKey, head)).ForecastErrorBp.Should().Be(0);

        // Both history blocks altered: nothing to forecast from.
        var noHistory = new AlteredStore(historyAltered, new ChainId(DeviceRole.Concentrator, Concentrator), height: 1);
        (await new AreaObserver().ObserveAsync(noHistory, store, ClusterFixture.Root.PublicKey, head)).ForecastErrorBp.Should().Be(EfficiencyObservation.Whole);

        var headAltered = new AlteredStore(store, new ChainId(DeviceRole.Concentrator, Concentrator), height: 2);
        await FluentActions.Awaiting(async () => await new AreaObserver().ObserveAsync(headAltered, store, ClusterFixture.Root.PublicKey, head)).Should().ThrowAsync<AreaDataException>()
            .WithMessage("*block 2*is not in the store*", "the anchored head itself is what the validators check before anything else");
    }

    [Fact]
    public async Task A_substation_head_whose_commit_evidence_does_not_check_out_shows_nothing()
    {
        // Evidence naming a set nobody stored, signed by keys of the node's choosing: it claims a perfect area.
        var store = new InMemoryLedgerStore();
        var substation = DeviceId.Parse("sub-forger");
        var key = SigningKeyPair.Derive("area-observer-tests"u8, "forger");
        var set = new SmartGrid.Consensus.Validators.ValidatorSet(substation, [new SmartGrid.Consensus.Validators.Validator(Concentrator, key.PublicKey)]);
        var body = AnchorBlock.Create(DeviceRole.Substation, substation, 0, 1, Hash256.Zero, Start, [], [], key, commit: CommitScheme.CommitCertificate);
        var consensus = SmartGrid.Consensus.Messages.ConsensusBlock.Create(set.Id, 1, Hash256.Zero, [1_000_000], [new EfficiencyObservation(0, 0, EfficiencyObservation.Whole)], [], [], body.Body.Span);
        var vote = SmartGrid.Consensus.Messages.Vote.Create(set.Id, 1, 0, SmartGrid.Consensus.Messages.VoteType.Precommit, consensus.Hash, Concentrator, key);
        var certificate = SmartGrid.Consensus.Certificates.CommitCertificate.Create(set.Id, 1, 0, consensus.Hash, [new SmartGrid.Consensus.Certificates.CommitSignature(0, vote.Signature)]);
        var forged = body.WithEvidence(SmartGrid.Consensus.Certificates.AnchorCommitVerifier.Evidence(consensus, certificate));
        await store.AppendAsync(new ChainId(DeviceRole.Substation, substation), 0, forged.Encoded);
        await store.AppendAsync(SmartGrid.Consensus.Validators.StoredValidatorSets.ChainOf(substation), 0, set.Encoded);

        var observation = await new AreaObserver().ObserveAsync(store, store, ClusterFixture.Root.PublicKey, Anchor.Of(DeviceRole.Substation, forged));

        observation.Should().Be(AreaObservations.Absent, "the set is stored, but its member holds no certificate from the utility root: the audit would not trust it either");
    }

    /// <summary>A store whose record at one height of one chain had a byte of its signed part flipped.</summary>
    private sealed class AlteredStore(ILedgerStore inner, ChainId chain, long height) : ILedgerStore
    {
        public ValueTask AppendAsync(ChainId chain, long height, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) => inner.AppendAsync(chain, height, record, cancellationToken);

        public ValueTask<long> GetHeightAsync(ChainId chain, CancellationToken cancellationToken = default) => inner.GetHeightAsync(chain, cancellationToken);

        public ValueTask<IReadOnlyList<LedgerEntry>> ReadTailAsync(ChainId chain, int maxCount, CancellationToken cancellationToken = default) => inner.ReadTailAsync(chain, maxCount, cancellationToken);

        public IAsyncEnumerable<ChainId> ListChainsAsync(DeviceRole? kind = null, CancellationToken cancellationToken = default) => inner.ListChainsAsync(kind, cancellationToken);

        public async IAsyncEnumerable<LedgerEntry> ReadAsync(ChainId chain1, long fromHeight = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var entry in inner.ReadAsync(chain1, fromHeight, cancellationToken))
            {
                if (chain1 == chain && entry.Height == height)
                {
                    var bytes = entry.Bytes.ToArray();
                    bytes[5] ^= 0x01;
                    yield return entry with { Bytes = bytes };
                }
                else
                {
                    yield return entry;
                }
            }
        }
    }
}
