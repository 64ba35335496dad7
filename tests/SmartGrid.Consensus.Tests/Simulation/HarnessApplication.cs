using System.Buffers.Binary;
using System.Collections.Immutable;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Messages;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>
/// The application of the simulation: the "true" efficiency observations of every area and the
/// household rewards of a height are functions of the seed, and a payload is valid when its
/// first byte is 1. Different proposers build different valid blocks (their index and a nonce are
/// in the payload), so a fork is possible when safety fails.
/// </summary>
internal sealed class HarnessApplication(ulong seed, int validators, int self) : IConsensusApplication
{
    public const int PayloadSize = 10;

    public BlockContent BuildBlock(ulong height, Hash256 previous) =>
        new(Observations(seed, height, validators), Rewards(seed, height), Payload(valid: true, self, height));

    public bool IsValid(ConsensusBlock block, ReadOnlySpan<byte> payload) => Check(seed, validators, block, payload);

    public static bool Check(ulong seed, int validators, ConsensusBlock block, ReadOnlySpan<byte> payload) =>
        payload.Length == PayloadSize && payload[0] == 1
        && block.Observations.SequenceEqual(Observations(seed, block.Height, validators))
        && block.Rewards.SequenceEqual(Rewards(seed, block.Height));

    public static byte[] Payload(bool valid, int proposer, ulong nonce)
    {
        var payload = new byte[PayloadSize];
        payload[0] = valid ? (byte)1 : (byte)0;
        payload[1] = (byte)proposer;
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(2), nonce);
        return payload;
    }

    /// <summary>Forecast error 2-30 %, losses 1-15 %, completeness 90-100 %: a different area profile per validator.</summary>
    public static ImmutableArray<EfficiencyObservation> Observations(ulong seed, ulong height, int validators)
    {
        var builder = ImmutableArray.CreateBuilder<EfficiencyObservation>(validators);
        for (var i = 0; i < validators; i++)
        {
            var random = new SimRandom(SimRandom.Mix(seed, height, (ulong)i));
            var skill = (uint)(i % 4);
            builder.Add(new EfficiencyObservation(
                (uint)random.Next(200, 3000) / (skill + 1),
                (uint)random.Next(100, 1500) / (skill + 1),
                (uint)random.Next(9000, 10_001)));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Ten households with seeded scores; the top three share 10,000 milli-credits.</summary>
    public static ImmutableArray<Reward> Rewards(ulong seed, ulong height)
    {
        var households = Enumerable.Range(0, 10).Select(i =>
            (DeviceId.Parse($"hh-{i}"), (long)(SimRandom.Mix(seed ^ 0xAB, height, (ulong)i) % 1000)));
        return RewardSchedule.Split(10_000, households, 3);
    }
}
