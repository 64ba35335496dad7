using System.Collections.Immutable;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Evidence;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Tests.Support;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Tests.Efficiency;

public class EfficiencyTests
{
    private static readonly TestValidators Validators = new(4);
    private static readonly EfficiencyObservation Perfect = new(0, 0, 10_000);
    private static readonly EfficiencyObservation Poor = new(2_500, 1_000, 8_000);

    private static ConsensusBlock Next(EfficiencyBook book, ImmutableArray<EfficiencyObservation> observations, params Misbehaviour[] evidence) =>
        ConsensusBlock.Create(Validators.Set.Id, book.Height, book.Previous, book.Table.Scores, observations, [], [.. evidence], [(byte)book.Height]);

    private static Misbehaviour Equivocation(int validator, ulong height) => Misbehaviour.ConflictingVotes(
        Vote.Create(Validators.Set.Id, height, 0, VoteType.Prevote, Hash256.Compute("x"u8), Validators.Id(validator), Validators.Keys[validator]),
        Vote.Create(Validators.Set.Id, height, 0, VoteType.Prevote, null, Validators.Id(validator), Validators.Keys[validator]));

    [Fact]
    public void Books_fed_the_same_committed_blocks_hold_the_same_scores()
    {
        var a = new EfficiencyBook(Validators.Set, EfficiencyParameters.Default, TestValidators.Genesis);
        var b = new EfficiencyBook(Validators.Set, EfficiencyParameters.Default, TestValidators.Genesis);

        for (var i = 0; i < 40; i++)
        {
            var block = Next(a, Simulation.HarnessApplication.Observations(7, a.Height, 4));
            a.Apply(block);
            b.Apply(ConsensusBlock.Decode(block.Encoded.Span));
        }

        b.Table.Scores.Should().Equal(a.Table.Scores);
        a.Table.Scores.Distinct().Should().HaveCountGreaterThan(1, "areas differ");
    }

    [Fact]
    public void Accurate_forecasts_low_losses_and_complete_data_score_higher_and_the_score_follows_a_moving_window()
    {
        var book = new EfficiencyBook(Validators.Set, EfficiencyParameters.Default, TestValidators.Genesis);

        for (var i = 0; i < 400; i++)
        {
            book.Apply(Next(book, [Perfect, Poor, Perfect, Poor]));
        }

        var measured = (40L * (1_000_000 - 500_000)) + (30L * (1_000_000 - 500_000)) + (30L * 800_000);
        book.Table.Scores[0].Should().Be(1_000_000);
        book.Table.Scores[1].Should().BeCloseTo((uint)(measured / 100), 40, "a 25 % error costs half the forecast part, 10 % losses half the balance part");
        book.Apply(Next(book, [Poor, Poor, Perfect, Poor]));
        book.Table.Scores[0].Should().BeInRange(980_000u, 999_999u, "one height moves the average 1/32 of the way");
    }

    [Fact]
    public void Committed_equivocation_halves_the_offenders_score_once_and_then_decays()
    {
        var book = new EfficiencyBook(Validators.Set, EfficiencyParameters.Default, TestValidators.Genesis);
        var all = ImmutableArray.Create(Perfect, Perfect, Perfect, Perfect);
        book.Apply(Next(book, all));
        var evidence = Equivocation(2, 1);

        book.Apply(Next(book, all, evidence));
        var punished = book.Table.Scores[2];
        book.IsPunished(evidence.Key).Should().BeTrue();
        for (var i = 0; i < 32; i++)
        {
            book.Apply(Next(book, all));
        }

        punished.Should().Be(500_000);
        book.Table.Scores[0].Should().Be(1_000_000);
        book.Table.Scores[2].Should().BeInRange(600_000u, 900_000u, "the penalty decays by 1/32 per height");
    }

    [Fact]
    public void The_lottery_is_deterministic_follows_the_weights_and_gives_everyone_a_chance()
    {
        var table = new EfficiencyTable([1_000_000, 500_000, 0, 250_000]);
        var counts = new int[4];
        var previous = TestValidators.Genesis;
        for (var height = 1UL; height <= 20_000; height++)
        {
            var drawn = ProposerLottery.Draw(Validators.Set, table, EfficiencyParameters.Default, previous, height, 0);
            drawn.Should().Be(ProposerLottery.Draw(Validators.Set, table, EfficiencyParameters.Default, previous, height, 0));
            counts[drawn]++;
            previous = Hash256.Compute([.. previous.Span, (byte)drawn]);
        }

        // Weights 1.0, 0.5, 0.05 (the floor), 0.25 of a total of 1.8.
        counts[0].Should().BeInRange(10_500, 11_700);
        counts[1].Should().BeInRange(5_200, 5_900);
        counts[2].Should().BeInRange(400, 750, "the floor keeps a zero score in the draw");
        counts[3].Should().BeInRange(2_500, 3_050);
    }

    [Fact]
    public void A_new_round_draws_again_so_a_silent_proposer_is_not_drawn_forever()
    {
        var table = EfficiencyTable.Uniform(4);

        var proposers = Enumerable.Range(0, 12).Select(r => ProposerLottery.Draw(Validators.Set, table, EfficiencyParameters.Default, TestValidators.Genesis, 1, r)).ToList();

        proposers.Distinct().Should().HaveCountGreaterThan(1);
    }

    [Fact]
    public void Rewards_go_to_the_top_households_in_proportion_and_sum_to_the_budget()
    {
        var scores = new (DeviceId, long)[]
        {
            (DeviceId.Parse("hh-b"), 300), (DeviceId.Parse("hh-a"), 300), (DeviceId.Parse("hh-c"), 100), (DeviceId.Parse("hh-d"), 0), (DeviceId.Parse("hh-e"), 50),
        };

        var rewards = RewardSchedule.Split(1_000, scores, 3);

        rewards.Select(r => r.Household.Value).Should().Equal("hh-a", "hh-b", "hh-c");
        rewards.Select(r => r.Credits).Should().Equal(430UL, 428UL, 142UL);
        rewards.Sum(r => (long)r.Credits).Should().Be(1_000, "the 2 left by integer division go to the first");
        RewardSchedule.Split(1_000, [(DeviceId.Parse("hh-d"), 0)], 3).Should().BeEmpty();
    }
}
