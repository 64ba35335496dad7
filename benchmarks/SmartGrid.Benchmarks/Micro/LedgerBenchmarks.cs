using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Merkle;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Benchmarks.Micro;

/// <summary>The per-block costs of the ledger core: encode, hash, sign, verify, Merkle root, validate.</summary>
[MemoryDiagnoser]
public class LedgerBenchmarks
{
    private readonly byte[] _record = RandomNumberGenerator.GetBytes(100);
    private MeterBlock _block = null!;
    private byte[] _encoded = null!;
    private SigningKeyPair _key = null!;
    private PublicKey _publicKey = null!;
    private Signature _signature;
    private Hash256[] _leaves = null!;
    private CertificateRegistry _registry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _block = SampleBlocks.One();
        _encoded = _block.ToArray();
        _key = SigningKeyPair.Derive("benchmarks"u8, "MTR-0000001");
        _publicKey = _key.PublicKey;
        _signature = _key.Sign(_block.SignedBytes);
        _leaves = [.. SampleBlocks.Leaves(1_000)];
        _registry = new CertificateRegistry(SampleBlocks.Root.PublicKey);
        _registry.Add(SampleBlocks.Meter(1).Certificate);
    }

    [Benchmark(Description = "SHA-256 of a 100-byte record", Baseline = true)]
    public Hash256 Hash100() => Hash256.Compute(_record);

    [Benchmark(Description = "encode + sign a 24-reading block")]
    public MeterBlock EncodeAndSign() => MeterBlock.Create(_block.MeterId, 0, _block.KeySerial, Hash256.Zero, _block.Timestamp, _block.Profile, _key);

    [Benchmark(Description = "decode a 24-reading block")]
    public MeterBlock Decode() => MeterBlock.Decode(_encoded);

    [Benchmark(Description = "Ed25519 sign (block bytes)")]
    public Signature Sign() => _key.Sign(_block.SignedBytes);

    [Benchmark(Description = "Ed25519 verify (block bytes, cached key)")]
    public bool Verify() => _publicKey.Verify(_block.SignedBytes, _signature);

    [Benchmark(Description = "Merkle root of 1,000 leaves")]
    public Hash256 MerkleRoot() => MerkleTree.ComputeRoot(_leaves);

    [Benchmark(Description = "validate a block against its head (all ingest checks)")]
    public ChainDefect? Validate() => MeterBlockValidator.Check(_block, _block.MeterId, ChainHead.Genesis, _registry, _block.Timestamp, TimeSpan.FromMinutes(5));
}
