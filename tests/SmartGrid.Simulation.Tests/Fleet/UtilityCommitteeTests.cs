using SmartGrid.Ledger.Identity;
using SmartGrid.Simulation.Fleet;

namespace SmartGrid.Simulation.Tests.Fleet;

/// <summary>The committee of substations that commits the utility's chain (POEF.md §11.2).</summary>
public class UtilityCommitteeTests
{
    private static readonly DeviceId Utility = DeviceId.Parse("UTILITY");

    private static List<DeviceId> Substations(int count) => [.. Enumerable.Range(1, count).Select(i => DeviceId.Parse($"SUB-{i:D3}"))];

    [Fact]
    public void Every_substation_validates_when_there_are_no_more_than_the_committee_size()
    {
        FleetRunner.CommitteeOf(Utility, Substations(16), 16).Should().Equal(Substations(16));
        FleetRunner.CommitteeOf(Utility, Substations(3), 16).Should().Equal(Substations(3));
    }

    [Fact]
    public void A_larger_fleet_draws_the_same_committee_every_time_whatever_the_order_it_is_given_in()
    {
        var all = Substations(800);
        var committee = FleetRunner.CommitteeOf(Utility, all, 16);

        committee.Should().HaveCount(16).And.OnlyHaveUniqueItems().And.BeSubsetOf(all);
        FleetRunner.CommitteeOf(Utility, Enumerable.Reverse(all), 16).Should().BeEquivalentTo(committee, "the draw depends on the ids, not their order");
        FleetRunner.CommitteeOf(DeviceId.Parse("OTHER-UTILITY"), all, 16).Should().NotBeEquivalentTo(committee, "each utility draws its own");
        FluentActions.Invoking(() => FleetRunner.CommitteeOf(Utility, all, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
