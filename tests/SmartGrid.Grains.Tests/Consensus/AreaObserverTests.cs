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

    /// <summary>What a concentrator's block does with one of its meters.</summary>
    private enum Fate
    {
        /// <summary>The meter uploads the readings it owes (since its last upload) and the block anchors its head.</summary>
        Anchored,

        /// <summary>The meter does not upload; the block names it <see cref="ChainEventKind.MeterSilent"/>.</summary>
        Silent,

        /// <summary>Not in the block, not named: a meter not yet installed, gone for good, or left out by a concentrator gaming its completeness.</summary>
        LeftOut,
    }

    /// <summary>
    /// A concentrator chain of hourly blocks whose feeder reads <paramref name="feederWh"/> each hour;
    /// <paramref name="fate"/> decides what block i does with each meter (a meter uploads whenever it
    /// is anchored, all its readings since its last upload). The anchored heads, block by block.
    /// </summary>
    private static async Task<List<Anchor>> ChainAsync(InMemoryLedgerStore store, string concentrator, TestDevice[] meters, int blocks, ulong feederWh, Func<int, TestDevice, Fate> fate)
    {
        var node = DeviceId.Parse(concentrator);
        var heads = new List<Anchor>(blocks);
        var previous = Hash256.Zero;
        for (var i = 0; i < blocks; i++)
        {
            var (from, to) = (Start.AddHours(i), Start.AddHours(i + 1));
            var anchors = new List<Anchor>();
            var events = new List<ChainEvent>();
            foreach (var meter in meters)
            {
                switch (fate(i, meter))
                {
                    case Fate.Anchored:
                        var sequence = (long)meter.Sequence;
                        var block = meter.NextBlock((int)((to - meter.Clock) / TimeSpan.FromMinutes(15)));
                        await store.AppendAsync(new ChainId(DeviceRole.Meter, meter.Id), sequence, block.Encoded);
                        anchors.Add(Anchor.Of(DeviceRole.Meter, block));
                        break;
                    case Fate.Silent:
                        events.Add(ChainEvent.Of(ChainEventKind.MeterSilent, meter.Id, to, 0));
                        break;
                }
            }

            var sealedBlock = AnchorBlock.Create(DeviceRole.Concentrator, node, (ulong)i, 1, previous, to, anchors, [new FeederReading(from, to, feederWh)], ConcentratorKey, [.. events]);
            await store.AppendAsync(new ChainId(DeviceRole.Concentrator, node), i, sealedBlock.Encoded);
            previous = sealedBlock.Hash;
            heads.Add(Anchor.Of(DeviceRole.Concentrator, sealedBlock));
        }

        return heads;
    }

    private static TestDevice[] Meters(string prefix, int count, DateTimeOffset? start = null) =>
        [.. Enumerable.Range(0, count).Select(i => new TestDevice(ClusterFixture.Root, $"{prefix}-{i}", start ?? Start))];

    [Fact]
    public async Task A_concentrator_that_leaves_out_a_meter_it_anchored_before_loses_completeness_exactly_as_for_a_silent_meter()
    {
        // Three areas of two meters (406 Wh an hour each; 900 Wh from the feeder) in one store; in
        // the last hour the second meter of two of them does not upload. The honest concentrator
        // says so (MeterSilent); the gaming one just leaves the meter out of its head.
        var store = new InMemoryLedgerStore();
        var full = await ChainAsync(store, "dc-full", Meters("mtr-full", 2), 3, 900, (_, _) => Fate.Anchored);
        var silent = await ChainAsync(store, "dc-says", Meters("mtr-says", 2), 3, 900, (i, m) => i == 2 && m.Id.Value.EndsWith("-1", StringComparison.Ordinal) ? Fate.Silent : Fate.Anchored);
        var gaming = await ChainAsync(store, "dc-gaming", Meters("mtr-gaming", 2), 3, 900, (i, m) => i == 2 && m.Id.Value.EndsWith("-1", StringComparison.Ordinal) ? Fate.LeftOut : Fate.Anchored);
        var observer = new AreaObserver();
        async Task<EfficiencyObservation> ObserveAsync(Anchor head) => await observer.ObserveAsync(store, store, ClusterFixture.Root.PublicKey, head);

        (await ObserveAsync(full[^1])).Should().Be(new EfficiencyObservation(0, (900 - (2 * 406)) * EfficiencyObservation.Whole / 900, EfficiencyObservation.Whole), "every meter anchored: nothing missing, as before");
        var told = await ObserveAsync(silent[^1]);
        told.Should().Be(new EfficiencyObservation(0, (900 - 406) * EfficiencyObservation.Whole / 900, EfficiencyObservation.Whole / 2), "4 of the 8 quarter-hours expected arrived");
        (await ObserveAsync(gaming[^1])).Should().Be(told, "the meter it anchored an hour before is expected of it: leaving it out without a word is no better than saying it was silent");
        (await ObserveAsync(gaming[1])).Should().Be(await ObserveAsync(full[1]), "before the omission the two areas show the same");
    }

    [Fact]
    public async Task The_cached_history_gives_each_head_the_window_a_full_read_gives_as_meters_come_go_and_drop_out_of_the_history()
    {
        // 120 hourly blocks over four meters: A always anchored; B anchored in blocks 0-5, then gone
        // without a word (expected while it is in the history: through block 101); C named silent
        // every tenth hour from hour 3 and left out without a word at hour 104; D installed at hour
        // 50. Block 110 is altered in the store before anything is read: the history of later heads
        // starts after it.
        var store = new InMemoryLedgerStore();
        var (a, b, c) = (new TestDevice(ClusterFixture.Root, "mtr-a", Start), new TestDevice(ClusterFixture.Root, "mtr-b", Start), new TestDevice(ClusterFixture.Root, "mtr-c", Start));
        var d = new TestDevice(ClusterFixture.Root, "mtr-d", Start.AddHours(50));
        var heads = await ChainAsync(store, "dc-walked", [a, b, c, d], 120, 2_000, (i, m) => m == b ? (i <= 5 ? Fate.Anchored : Fate.LeftOut)
            : m == c ? (i % 10 == 3 ? Fate.Silent : i == 104 ? Fate.LeftOut : Fate.Anchored)
            : m == d ? (i >= 50 ? Fate.Anchored : Fate.LeftOut)
            : Fate.Anchored);
        var bytes = (await store.ReadAsync(new ChainId(DeviceRole.Concentrator, DeviceId.Parse("dc-walked")), 110).FirstAsync()).Bytes.ToArray();
        bytes[5] ^= 0x01;
        store.Overwrite(new ChainId(DeviceRole.Concentrator, DeviceId.Parse("dc-walked")), 110, bytes);

        // One observer walks the chain head by head (each history from the cache of the one before);
        // a fresh observer per head reads every history back from the store.
        var walker = new AreaObserver();
        var walked = new List<EfficiencyObservation?>();
        var read = new List<EfficiencyObservation?>();
        foreach (var head in heads)
        {
            walked.Add(await TryObserveAsync(walker, head));
            read.Add(await TryObserveAsync(new AreaObserver(), head));
        }

        walked.Should().Equal(read);
        read[110].Should().BeNull("the altered head itself is not in the store");
        var c4 = EfficiencyObservation.Whole;
        read.Select(o => o?.CompletenessBp).Where((_, i) => i is 6 or 49 or 50 or 101 or 102 or 103 or 104 or 105).Should().Equal(
            [c4 * 8 / 12, c4 * 8 / 12, c4 * 12 / 16, c4 * 12 / 16, c4, c4 * 8 / 12, c4 * 8 / 12, c4],
            "B is missing from hour 6 until it leaves the history after hour 101; D is counted once it is anchored; C named silent (hour 103) and C left out (hour 104) weigh the same");

        async Task<EfficiencyObservation?> TryObserveAsync(AreaObserver observer, Anchor head)
        {
            try
            {
                return await observer.ObserveAsync(store, store, ClusterFixture.Root.PublicKey, head);
            }
            catch (AreaDataException)
            {
                return null;
            }
        }
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
    private sealed class AlteredStore(ILedgerStore inner, ChainId chain, long height) : DelegatingLedgerStore(inner)
    {
        public override async IAsyncEnumerable<LedgerEntry> ReadAsync(ChainId chain1, long fromHeight = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var entry in Inner.ReadAsync(chain1, fromHeight, cancellationToken))
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
