using SmartGrid.Consensus.Messages;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Tests.Messages;

public class VerifiedMessageCacheTests
{
    [Fact]
    public void A_verified_message_is_not_verified_again_and_a_failure_is_never_remembered()
    {
        var cache = new VerifiedMessageCache();
        var calls = 0;
        var good = Hash256.Compute("good"u8);
        var bad = Hash256.Compute("bad"u8);

        cache.IsVerified(good, true, ok => { calls++; return ok; }).Should().BeTrue();
        cache.IsVerified(good, false, ok => { calls++; return ok; }).Should().BeTrue("the id was verified before");
        cache.IsVerified(bad, false, ok => { calls++; return ok; }).Should().BeFalse();
        cache.IsVerified(bad, false, ok => { calls++; return ok; }).Should().BeFalse();

        calls.Should().Be(3);
        cache.Count.Should().Be(1);
    }

    [Fact]
    public void A_full_cache_starts_again_empty()
    {
        var cache = new VerifiedMessageCache(capacity: 2);
        for (var i = 0; i < 3; i++)
        {
            cache.IsVerified(Hash256.Compute([(byte)i]), 0, _ => true).Should().BeTrue();
        }

        cache.Count.Should().Be(1);
        FluentActions.Invoking(() => new VerifiedMessageCache(0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
