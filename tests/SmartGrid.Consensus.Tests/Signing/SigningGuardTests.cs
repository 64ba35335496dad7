using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Signing;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Tests.Signing;

public class SigningGuardTests
{
    private static readonly Hash256 BlockA = Hash256.Compute("a"u8);
    private static readonly Hash256 BlockB = Hash256.Compute("b"u8);

    private static byte[] Bytes(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    [Fact]
    public void Steps_after_the_last_signed_one_are_admitted_and_earlier_ones_refused()
    {
        var guard = new SigningGuard();

        guard.TryAdmit(1, 0, RoundStep.Propose, BlockA, Bytes("p 1 0")).Should().BeTrue();
        guard.TryAdmit(1, 0, RoundStep.Prevote, BlockA, Bytes("pv 1 0")).Should().BeTrue();
        guard.TryAdmit(1, 2, RoundStep.Prevote, null, Bytes("pv 1 2")).Should().BeTrue();

        guard.Check(1, 1, RoundStep.Precommit, null, Bytes("pc 1 1")).Should().Be(SignVerdict.Regressed);
        guard.Check(1, 2, RoundStep.Propose, BlockB, Bytes("p 1 2")).Should().Be(SignVerdict.Regressed);
        guard.Check(1, 2, RoundStep.Precommit, null, Bytes("pc 1 2")).Should().Be(SignVerdict.Fresh);
        guard.Check(2, 0, RoundStep.Propose, BlockB, Bytes("p 2 0")).Should().Be(SignVerdict.Fresh);
        guard.TryAdmit(1, 1, RoundStep.Precommit, null, Bytes("pc 1 1")).Should().BeFalse();
        guard.Last.Should().Be(new SignedStep(1, 2, RoundStep.Prevote, Hash256.Compute(Bytes("pv 1 2"))));
    }

    [Fact]
    public void The_same_bytes_at_the_last_step_are_a_repeat_and_other_bytes_a_conflict()
    {
        var guard = new SigningGuard();
        guard.TryAdmit(3, 1, RoundStep.Prevote, BlockA, Bytes("prevote A")).Should().BeTrue();
        var version = guard.Version;

        guard.Check(3, 1, RoundStep.Prevote, BlockA, Bytes("prevote A")).Should().Be(SignVerdict.Repeat);
        guard.TryAdmit(3, 1, RoundStep.Prevote, BlockA, Bytes("prevote A")).Should().BeTrue("the same bytes sign to the same message");
        guard.Check(3, 1, RoundStep.Prevote, null, Bytes("prevote nil")).Should().Be(SignVerdict.Conflicting);
        guard.TryAdmit(3, 1, RoundStep.Prevote, BlockB, Bytes("prevote B")).Should().BeFalse();
        guard.Version.Should().Be(version, "nothing new was signed");
    }

    [Fact]
    public void A_restored_guard_refuses_what_the_validator_signed_before_its_restart()
    {
        var before = new SigningGuard();
        before.TryAdmit(5, 0, RoundStep.Prevote, BlockA, Bytes("prevote A")).Should().BeTrue();

        var after = new SigningGuard(before.Last, before.Lock);

        after.Check(5, 0, RoundStep.Prevote, BlockB, Bytes("prevote B")).Should().Be(SignVerdict.Conflicting);
        after.Check(5, 0, RoundStep.Propose, BlockB, Bytes("proposal B")).Should().Be(SignVerdict.Regressed);
        after.Check(5, 0, RoundStep.Prevote, BlockA, Bytes("prevote A")).Should().Be(SignVerdict.Repeat);
        after.ResumeRound(5).Should().Be(0);
        after.ResumeRound(6).Should().Be(0);
    }

    [Fact]
    public void A_restored_lock_turns_away_prevotes_for_other_blocks_at_its_height_until_a_new_precommit()
    {
        var before = new SigningGuard();
        before.TryAdmit(7, 2, RoundStep.Precommit, BlockA, Bytes("precommit A r2")).Should().BeTrue();
        before.Lock.Should().Be(new SigningLock(7, 2, BlockA));

        var after = new SigningGuard(before.Last, before.Lock);

        after.ResumeRound(7).Should().Be(2);
        after.Check(7, 3, RoundStep.Prevote, BlockB, Bytes("prevote B r3")).Should().Be(SignVerdict.AgainstLock);
        after.Check(7, 3, RoundStep.Prevote, BlockA, Bytes("prevote A r3")).Should().Be(SignVerdict.Fresh);
        after.Check(7, 3, RoundStep.Prevote, null, Bytes("prevote nil r3")).Should().Be(SignVerdict.Fresh);
        after.Check(8, 0, RoundStep.Prevote, BlockB, Bytes("prevote B h8")).Should().Be(SignVerdict.Fresh, "a lock binds its own height only");

        after.TryAdmit(7, 4, RoundStep.Precommit, BlockB, Bytes("precommit B r4")).Should().BeTrue("a prevote quorum of a later round re-locks (line 36)");
        after.Lock.Should().Be(new SigningLock(7, 4, BlockB));
        after.Check(7, 5, RoundStep.Prevote, BlockA, Bytes("prevote A r5")).Should().Be(SignVerdict.Fresh, "the engine holds its own lock again");
    }

    [Fact]
    public void A_guard_that_never_restarted_leaves_locks_to_the_engine()
    {
        var guard = new SigningGuard();
        guard.TryAdmit(1, 0, RoundStep.Precommit, BlockA, Bytes("precommit A")).Should().BeTrue();

        guard.Check(1, 1, RoundStep.Prevote, BlockB, Bytes("prevote B r1")).Should().Be(SignVerdict.Fresh, "a proof-of-lock may free the engine's lock (line 28)");
    }

    [Fact]
    public void Version_moves_exactly_when_something_new_is_signed()
    {
        var guard = new SigningGuard();
        guard.Version.Should().Be(0);
        guard.TryAdmit(1, 0, RoundStep.Prevote, null, Bytes("a")).Should().BeTrue();
        guard.TryAdmit(1, 0, RoundStep.Prevote, null, Bytes("a")).Should().BeTrue();
        guard.TryAdmit(1, 0, RoundStep.Propose, null, Bytes("b")).Should().BeFalse();
        guard.TryAdmit(1, 0, RoundStep.Precommit, null, Bytes("c")).Should().BeTrue();

        guard.Version.Should().Be(2);
    }
}
