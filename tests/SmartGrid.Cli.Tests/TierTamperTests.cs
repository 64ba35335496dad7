using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Cli.Tests;

/// <summary>
/// Damage done directly to a real run's database, at every tier, as someone with write access to
/// the store could: `smartgrid audit` names the tier, node and height of each.
/// </summary>
public sealed class TierTamperTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task RunAsync() =>
        (await _cli.RunAsync("--meters", "12", "--days", "1", "--meters-per-concentrator", "3", "--concentrators-per-substation", "2")).ExitCode.Should().Be(0);

    private SqliteConnection Open() => _cli.OpenDatabase();

    private byte[] Read(string node, int height) => _cli.ReadStored(node, height);

    private void Write(string node, int height, byte[] data) => _cli.WriteStored(node, height, data);

    private async Task<string> AuditFindingDefectsAsync()
    {
        var (exit, output) = await _cli.AuditAsync();
        exit.Should().Be(1, output);
        return output;
    }

    [Fact]
    public async Task A_concentrator_block_re_signed_by_another_key_is_located()
    {
        await RunAsync();
        var block = AnchorBlock.Decode(Read("DC-00002", 1));
        var forged = AnchorBlock.Create(block.Role, block.Node, block.Sequence, block.KeySerial, block.Previous, block.Timestamp, block.Anchors, block.Header.Feeder, SigningKeyPair.Generate());
        Write("DC-00002", 1, forged.Encoded.ToArray());

        var output = await AuditFindingDefectsAsync();

        output.Should().Contain("concentrator/DC-00002 height 1: BadSignature");
        output.Should().Contain("concentrator/DC-00002 height 2: BrokenLink");
        output.Should().Contain("concentrator/DC-00002 height 1: AnchoredBlockDiffers").And.Contain("substation/SUB-001 anchored");
        output.Should().Contain("3 defects");
    }

    [Fact]
    public async Task A_substation_block_deleted_is_located()
    {
        await RunAsync();
        using (var connection = Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM tail WHERE node = 'SUB-002' AND height = 3";
            command.ExecuteNonQuery().Should().Be(1);
        }

        var output = await AuditFindingDefectsAsync();

        output.Should().Contain("substation/SUB-002 height 3: MissingBlocks");
        output.Should().Contain("substation/SUB-002 height 3: AnchoredBlockDiffers").And.Contain("is not in the store");
    }

    [Fact]
    public async Task Utility_blocks_reordered_are_located()
    {
        await RunAsync();
        var first = Read("UTILITY", 1);
        var second = Read("UTILITY", 2);
        Write("UTILITY", 1, second);
        Write("UTILITY", 2, first);

        var output = await AuditFindingDefectsAsync();

        output.Should().Contain("utility/UTILITY height 1: SequenceGap");
        output.Should().Contain("utility/UTILITY height 2: Replay");
        output.Should().NotContain("substation/", "the utility's anchors are genuine, only out of place");
    }

    [Fact]
    public async Task A_meter_block_rewritten_and_re_signed_with_the_meters_own_key_is_caught_by_its_anchor()
    {
        await RunAsync();
        var block = MeterBlock.Decode(Read("MTR-0000007", 3));
        var readings = block.Profile.Readings;
        var lowered = readings.SetItem(readings.Length - 1, readings[^1] with { Values = readings[^1].Values.SetItem(0, readings[^1].Values[0] - 200) });
        var forged = MeterBlock.Create(block.MeterId, block.Sequence, block.KeySerial, block.Previous, block.Timestamp,
            new SmartGrid.Ledger.Metering.LoadProfile(block.Profile.Channels, lowered), block.Reports, FleetMeterKey(block.MeterId.Value));
        Write("MTR-0000007", 3, forged.ToArray());

        var output = await AuditFindingDefectsAsync();

        output.Should().Contain("meter/MTR-0000007 height 3: AnchoredBlockDiffers").And.Contain("concentrator/DC-00003 anchored");
        output.Should().Contain("1 defects", "the forged block is validly signed: only the anchor shows it");
    }

    // The fleet's device keys follow from its seed (42 by default), as VirtualFleet derives them.
    private static SigningKeyPair FleetMeterKey(string meter)
    {
        Span<byte> seed = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(seed, 42);
        return SigningKeyPair.Derive(seed, "meter/" + meter);
    }
}
