using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Proofs;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Benchmarks.Micro;

/// <summary>
/// The cost of anchoring and of proofs (issue 3): a concentrator block over 1,000 meter heads
/// (sort, 1,000 leaf hashes, the Merkle root, one signature), and checking one reading's proof
/// through a realistic hierarchy (125 meters per concentrator, 10 concentrators per substation,
/// 10 substations: Merkle paths of 7, 4 and 4 hashes).
/// </summary>
[MemoryDiagnoser]
public class TierBenchmarks
{
    private static readonly DateTimeOffset Sealed = SampleBlocks.Start.AddHours(6).AddMinutes(1);
    private Anchor[] _thousand = null!;
    private SigningKeyPair _concentratorKey = null!;
    private byte[] _proof = null!;

    /// <summary>Size of the proof file verified by <see cref="VerifyProof"/>, in bytes.</summary>
    public static int ProofSize { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _thousand = [.. Enumerable.Range(0, 1_000).Select(i => Fake(DeviceRole.Meter, $"MTR-{i:D7}"))];
        _concentratorKey = SigningKeyPair.Derive("benchmarks"u8, "DC-00001");
        _proof = BuildProofAsync().GetAwaiter().GetResult();
        ProofSize = _proof.Length;
        Console.WriteLine($"// proof size: {ProofSize} bytes");
    }

    [Benchmark(Description = "seal a concentrator block over 1,000 meter heads")]
    public AnchorBlock SealThousand() =>
        AnchorBlock.Create(DeviceRole.Concentrator, DeviceId.Parse("DC-00001"), 7, 1, Hash256.Zero, Sealed, _thousand, [], _concentratorKey);

    [Benchmark(Description = "verify one reading's proof up to the utility")]
    public bool VerifyProof() => ProofVerifier.Verify(_proof, SampleBlocks.Root.PublicKey).IsValid;

    private static Anchor Fake(DeviceRole role, string id) => new(role, DeviceId.Parse(id), 3, Hash256.Compute(System.Text.Encoding.ASCII.GetBytes(id)));

    private static async Task<byte[]> BuildProofAsync()
    {
        var store = new InMemoryLedgerStore();
        var (meter, certificate) = SampleBlocks.Meter(1);
        await store.PutCertificateAsync(certificate);
        var block = meter.Seal(SampleBlocks.Start.AddHours(6), SampleBlocks.Start.AddHours(6))!;
        await store.AppendAsync(ChainId.Meter(meter.Id), 0, block.Encoded);

        var below = Anchor.Of(DeviceRole.Meter, block);
        var path = new[] { (DeviceRole.Concentrator, "DC-00001", 125), (DeviceRole.Substation, "SUB-001", 10), (DeviceRole.Utility, "UTILITY", 10) };
        foreach (var (role, id, width) in path)
        {
            var node = DeviceId.Parse(id);
            var key = SigningKeyPair.Derive("benchmarks"u8, id);
            await store.PutCertificateAsync(SampleBlocks.Root.Issue(node, role, key.PublicKey, SampleBlocks.Start.AddYears(-1), SampleBlocks.Start.AddYears(10), 1));
            var anchors = Enumerable.Range(1, width - 1).Select(i => Fake(below.ChildRole, $"{below.Child}-peer-{i:D3}")).Append(below);
            var anchorBlock = AnchorBlock.Create(role, node, 0, 1, Hash256.Zero, Sealed, anchors, ImmutableArray<FeederReading>.Empty, key);
            await store.AppendAsync(new ChainId(role, node), 0, anchorBlock.Encoded);
            below = Anchor.Of(role, anchorBlock);
        }

        return (await new ProofBuilder(store, store).BuildAsync(meter.Id)).Encode();
    }
}
