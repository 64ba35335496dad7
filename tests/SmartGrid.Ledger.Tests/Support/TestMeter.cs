using System.Collections.Immutable;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>
/// A meter as the tests need it: it owns its key, sequence and head, and seals each upload of
/// consecutive 15-minute readings into the next block of its chain. <see cref="Craft"/> builds
/// the blocks a faulty or malicious device would send.
/// </summary>
internal sealed class TestMeter
{
    /// <summary>When the first reading of every test meter starts.</summary>
    public static readonly DateTimeOffset FirstReading = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How long after its last reading ends a meter seals a block.</summary>
    public static readonly TimeSpan SealDelay = TimeSpan.FromSeconds(30);

    private long _register = 1_000_000;

    public TestMeter(string id = "meter-0001", SigningKeyPair? key = null, ulong keySerial = 1)
    {
        Id = DeviceId.Parse(id);
        Key = key ?? TestKeys.Derived(id);
        KeySerial = keySerial;
    }

    public DeviceId Id { get; }

    public SigningKeyPair Key { get; }

    public ulong KeySerial { get; }

    /// <summary>The head of the chain as the meter knows it.</summary>
    public ChainHead Head { get; private set; } = ChainHead.Genesis;

    /// <summary>Start of the next reading the meter will record.</summary>
    public DateTimeOffset NextReadingStart { get; private set; } = FirstReading;

    /// <summary>The readings of the next upload, without sealing them.</summary>
    public LoadProfile NextProfile(int readings = 2) => Profiles.Consecutive(NextReadingStart, readings, _register);

    /// <summary>Seals the next upload into a block and moves the head on.</summary>
    public MeterBlock NextBlock(int readings = 2, TimeSpan? sealDelay = null) => NextBlockWith(_ => [], readings, sealDelay);

    /// <summary>Seals the next upload carrying the appliance reports <paramref name="reports"/> makes for its readings.</summary>
    public MeterBlock NextBlockWith(Func<LoadProfile, IEnumerable<ApplianceReport>> reports, int readings = 2, TimeSpan? sealDelay = null)
    {
        var profile = NextProfile(readings);
        var block = Craft(profile, timestamp: profile.End + (sealDelay ?? SealDelay), reports: [.. reports(profile)]);
        Head = Head.Advance(block);
        NextReadingStart = profile.End;
        _register = profile.Readings[^1].Values[0] + 100;
        return block;
    }

    /// <summary>The next <paramref name="count"/> blocks of the chain.</summary>
    public IReadOnlyList<MeterBlock> NextBlocks(int count) => [.. Enumerable.Range(0, count).Select(_ => NextBlock())];

    /// <summary>
    /// A block signed in this meter's name: by default the honest next block; any field may be
    /// overridden. Nothing moves on.
    /// </summary>
    public MeterBlock Craft(LoadProfile? profile = null, ulong? sequence = null, Hash256? previous = null, DateTimeOffset? timestamp = null, ulong? keySerial = null, SigningKeyPair? key = null, ImmutableArray<ApplianceReport> reports = default)
    {
        profile ??= NextProfile();
        return MeterBlock.Create(Id, sequence ?? (ulong)Head.Height, keySerial ?? KeySerial, previous ?? Head.Hash, timestamp ?? profile.End + SealDelay, profile, reports, key ?? Key);
    }
}
