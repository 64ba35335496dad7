using SmartGrid.Hosting.Storage;

namespace SmartGrid.Hosting.Tests.Storage;

public sealed class TailRowListTests
{
    [Fact]
    public void Rows_round_trip_in_their_order_whatever_the_steps_between_them()
    {
        long[] rows = [1, 4_001, 8_003, 7_000, long.MaxValue, 0, long.MinValue + 1];

        var decoded = new List<long>();
        TailRowList.TryDecode(TailRowList.Encode(rows), decoded).Should().BeTrue();

        decoded.Should().Equal(rows);
    }

    [Fact]
    public void A_chain_s_rows_a_fleet_apart_take_two_or_three_bytes_each()
    {
        var rows = Enumerable.Range(1, 63).Select(i => 1_000_000L + (i * 4_000L)).ToArray();

        TailRowList.Encode(rows).Length.Should().BeLessThanOrEqualTo(3 * 63 + 1);
        TailRowList.Encode([]).Should().BeEmpty();
    }

    [Fact]
    public void A_list_cut_inside_an_entry_keeps_the_entries_before_it_and_says_so()
    {
        var encoded = TailRowList.Encode([5, 300_000, 300_001]);
        var cut = encoded.AsSpan(0, encoded.Length - 2).ToArray();

        var decoded = new List<long>();
        TailRowList.TryDecode(cut, decoded).Should().BeFalse();

        decoded.Should().Equal(5);
    }
}
