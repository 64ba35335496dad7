using System.Collections.Immutable;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>
/// A small four-tier ledger in an in-memory store, built by hand: meters append blocks, then each
/// tier above seals one block anchoring the heads of its children, bottom up.
/// </summary>
internal sealed class TestHierarchy
{
    private readonly Dictionary<ChainId, ChainHead> _heads = [];
    private readonly Dictionary<DeviceId, SigningKeyPair> _keys = [];
    private DateTimeOffset _clock = TestMeter.FirstReading.AddDays(1);

    public TestHierarchy(int substations = 2, int concentratorsPerSubstation = 2, int metersPerConcentrator = 3)
    {
        Utility = DeviceId.Parse("utility");
        Provision(DeviceRole.Utility, Utility);
        for (var s = 0; s < substations; s++)
        {
            var substation = DeviceId.Parse($"sub-{s}");
            Provision(DeviceRole.Substation, substation);
            Children[substation] = [];
            for (var c = 0; c < concentratorsPerSubstation; c++)
            {
                var concentrator = DeviceId.Parse($"dc-{s}-{c}");
                Provision(DeviceRole.Concentrator, concentrator);
                Children[substation].Add(concentrator);
                Children[concentrator] = [];
                for (var m = 0; m < metersPerConcentrator; m++)
                {
                    var meter = new TestMeter($"meter-{s}-{c}-{m}");
                    Meters[meter.Id] = meter;
                    Store.PutCertificateAsync(Pki.Issue(meter)).AsTask().GetAwaiter().GetResult();
                    Children[concentrator].Add(meter.Id);
                }
            }
        }

        Children[Utility] = [.. Children.Keys.Where(k => k.Value.StartsWith("sub-", StringComparison.Ordinal))];
    }

    public InMemoryLedgerStore Store { get; } = new();

    public TestPki Pki { get; } = new();

    public PublicKey RootKey => Pki.Root.PublicKey;

    public DeviceId Utility { get; }

    public Dictionary<DeviceId, TestMeter> Meters { get; } = [];

    public Dictionary<DeviceId, List<DeviceId>> Children { get; } = [];

    public IEnumerable<DeviceId> Concentrators => Children.Keys.Where(k => k.Value.StartsWith("dc-", StringComparison.Ordinal));

    public IEnumerable<DeviceId> Substations => Children[Utility];

    public SigningKeyPair KeyOf(DeviceId node) => _keys[node];

    /// <summary>Every meter uploads <paramref name="blocks"/> blocks.</summary>
    public async Task UploadAsync(int blocks = 1)
    {
        foreach (var meter in Meters.Values)
        {
            for (var i = 0; i < blocks; i++)
            {
                var height = meter.Head.Height;
                await Store.AppendAsync(ChainId.Meter(meter.Id), height, meter.NextBlock().Encoded);
            }
        }
    }

    /// <summary>Every concentrator, then every substation, then the utility seals one block over its children's heads.</summary>
    public async Task SealAllAsync()
    {
        foreach (var concentrator in Concentrators)
        {
            await SealAsync(DeviceRole.Concentrator, concentrator);
        }

        foreach (var substation in Substations)
        {
            await SealAsync(DeviceRole.Substation, substation);
        }

        await SealAsync(DeviceRole.Utility, Utility);
    }

    public async Task<AnchorBlock> SealAsync(DeviceRole role, DeviceId node, SigningKeyPair? key = null, ImmutableArray<FeederReading> feeder = default)
    {
        var childRole = Tier.ChildOf(role);
        var anchors = new List<Anchor>();
        foreach (var child in Children[node])
        {
            var childHead = await HeadOfStoredAsync(new ChainId(childRole, child));
            if (childHead is { } anchor)
            {
                anchors.Add(anchor);
            }
        }

        var chain = new ChainId(role, node);
        var head = _heads.GetValueOrDefault(chain, ChainHead.Genesis);
        _clock = _clock.AddMinutes(1);
        var block = AnchorBlock.Create(role, node, (ulong)head.Height, 1, head.Hash, _clock, anchors, feeder, key ?? _keys[node]);
        await Store.AppendAsync(chain, head.Height, block.Encoded);
        _heads[chain] = head.Advance(block);
        return block;
    }

    private async Task<Anchor?> HeadOfStoredAsync(ChainId chain)
    {
        var tail = await Store.ReadTailAsync(chain, 1);
        if (tail.Count == 0)
        {
            return null;
        }

        var block = ChainVerifier.Decode(chain.Kind, tail[0].Bytes.Span);
        return Anchor.Of(chain.Kind, block);
    }

    private void Provision(DeviceRole role, DeviceId node)
    {
        var key = TestKeys.Derived(node.Value);
        _keys[node] = key;
        var certificate = Pki.Root.Issue(node, role, key.PublicKey, TestPki.NotBefore, TestPki.NotAfter, 1);
        Store.PutCertificateAsync(certificate).AsTask().GetAwaiter().GetResult();
    }
}
