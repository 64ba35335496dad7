using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Metering;

public sealed class ImportStepsTests
{
    private static MeterBlock Block(long[] registers, DateTimeOffset start, bool withImport = true)
    {
        var readings = registers.Select((r, i) => new IntervalReading(start.AddMinutes(15 * i), Profiles.Interval, ReadingStatus.None, [r])).ToArray();
        var profile = new LoadProfile([withImport ? Channel.ActiveEnergyImportWh : Channel.VoltageL1], [.. readings]);
        return MeterBlock.Create(PinnedRecords.MeterId, 0, 1, PinnedRecords.Previous, profile.End.AddMinutes(1), profile, TestKeys.Meter);
    }

    [Fact]
    public void A_chain_s_steps_run_from_zero_across_blocks_and_a_block_without_import_leaves_the_register()
    {
        var steps = new ImportSteps();
        var start = PinnedRecords.NewYear;

        var first = steps.Of(Block([100, 250], start));
        var voltage = steps.Of(Block([2300, 2310], start.AddMinutes(30), withImport: false));
        var second = steps.Of(Block([260, 240], start.AddMinutes(60)));

        first.Should().Equal((start, 100L), (start.AddMinutes(15), 150L));
        voltage.Should().BeEmpty();
        second.Should().Equal([(start.AddMinutes(60), 10L), (start.AddMinutes(75), -20L)], "a register running backwards is a negative step; callers judge it");
        steps.Register.Should().Be(240);
        ImportSteps.LastRegister(Block([5, 7], start)).Should().Be(7);
        ImportSteps.LastRegister(Block([5, 7], start, withImport: false)).Should().BeNull();
        new ImportSteps(90).Of(Block([100], start)).Should().Equal((start, 10L));
    }
}
