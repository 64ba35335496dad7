using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Tests.Simulation;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Tests.Support;

/// <summary>A fixed validator set with derived keys (Ed25519 is deterministic, so every signature repeats).</summary>
internal sealed class TestValidators
{
    public const ulong Seed = 42;

    public TestValidators(int count)
    {
        Keys = [.. Enumerable.Range(0, count).Select(i => SigningKeyPair.Derive("poef-tests"u8, $"v{i}"))];
        Set = new ValidatorSet(DeviceId.Parse("substation-7"), Keys.Select((k, i) => new Validator(DeviceId.Parse($"dc-{i}"), k.PublicKey)));
    }

    public static Hash256 Genesis { get; } = Hash256.Compute("genesis"u8);

    public SigningKeyPair[] Keys { get; }

    public ValidatorSet Set { get; }

    public DeviceId Id(int index) => Set[index].Id;

    public ConsensusEngine Engine(int index) =>
        new(Set, Id(index), Keys[index], new HarnessApplication(Seed, Set.Count, index), new ConsensusOptions(), Genesis);
}
