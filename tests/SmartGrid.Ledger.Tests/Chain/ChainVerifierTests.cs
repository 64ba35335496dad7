using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Chain;

/// <summary>
/// An audit of a stored chain from its first block: every defect is reported at the height where
/// it is, and a defect is not repeated at the heights of the honest blocks after it.
/// </summary>
public class ChainVerifierTests
{
    private const int Length = 10;

    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private readonly TestPki _pki = new();
    private readonly TestMeter _meter = new();
    private readonly IReadOnlyList<MeterBlock> _blocks;
    private readonly ChainVerifier _verifier;

    public ChainVerifierTests()
    {
        _pki.Certify(_meter);
        _blocks = _meter.NextBlocks(Length);
        _verifier = new ChainVerifier(_pki.Registry, Skew);
    }

    [Fact]
    public void An_honest_chain_has_no_defects_and_counts_its_blocks_readings_and_head()
    {
        var report = Verify(Stored(_blocks));

        report.Defects.Should().BeEmpty();
        report.IsValid.Should().BeTrue();
        report.FirstDefect.Should().BeNull();
        report.Device.Should().Be(_meter.Id);
        report.BlocksChecked.Should().Be(Length);
        report.ReadingsChecked.Should().Be(2 * Length);
        report.Head.Should().Be(_blocks[^1].Hash);
    }

    [Fact]
    public void Decoded_blocks_are_verified_at_their_positions()
    {
        var report = _verifier.Verify(_meter.Id, _blocks);

        report.IsValid.Should().BeTrue();
        report.Head.Should().Be(_meter.Head.Hash);
    }

    [Fact]
    public void An_empty_chain_is_valid_with_the_zero_head()
    {
        var report = Verify([]);

        report.IsValid.Should().BeTrue();
        report.BlocksChecked.Should().Be(0);
        report.Head.Should().Be(Hash256.Zero);
    }

    [Fact]
    public void A_block_reassembled_with_a_changed_reading_is_a_bad_signature_and_breaks_the_next_link()
    {
        var entries = Stored(_blocks);
        entries[5] = new LedgerEntry(5, Tamper.WithChangedValue(_blocks[5]).Encoded);

        var report = Verify(entries);

        DefectsOf(report).Should().Equal((5, DefectKind.BadSignature), (6, DefectKind.BrokenLink));
        report.FirstDefect.ShouldBe(5, DefectKind.BadSignature);
        report.BlocksChecked.Should().Be(Length);
        report.ReadingsChecked.Should().Be(2 * Length);
    }

    [Theory]
    [InlineData(1, DefectKind.Malformed)]          // the format version: no longer decodes
    [InlineData(-1, DefectKind.BadSignature)]      // the signature's last byte
    [InlineData(2 + 1 + 10 + 8 + 8, DefectKind.BrokenLink)] // the first byte of the previous hash
    [InlineData(2 + 1 + 10, DefectKind.SequenceGap)]         // the sequence number: 5 becomes 250
    public void A_byte_changed_in_a_stored_block_is_reported_at_its_height_and_breaks_the_next_link(int offset, DefectKind kind)
    {
        var entries = Stored(_blocks);
        var bytes = _blocks[5].ToArray();
        bytes[offset < 0 ? bytes.Length + offset : offset] ^= 0xFF;
        entries[5] = new LedgerEntry(5, bytes);

        var report = Verify(entries);

        DefectsOf(report).Should().Equal((5, kind), (6, DefectKind.BrokenLink));
        report.BlocksChecked.Should().Be(Length);
    }

    [Fact]
    public void A_stored_block_that_no_longer_decodes_is_malformed_and_counts_no_readings()
    {
        var entries = Stored(_blocks);
        entries[5] = new LedgerEntry(5, _blocks[5].Encoded[..^1]);

        var report = Verify(entries);

        report.FirstDefect.ShouldBe(5, DefectKind.Malformed, "truncated*");
        DefectsOf(report).Should().Equal((5, DefectKind.Malformed), (6, DefectKind.BrokenLink));
        report.ReadingsChecked.Should().Be(2 * (Length - 1));
    }

    [Fact]
    public void The_last_block_altered_is_reported_and_the_head_is_the_hash_as_stored()
    {
        var entries = Stored(_blocks);
        var altered = Tamper.WithChangedValue(_blocks[^1]);
        entries[^1] = new LedgerEntry(Length - 1, altered.Encoded);

        var report = Verify(entries);

        DefectsOf(report).Should().Equal((Length - 1, DefectKind.BadSignature));
        report.Head.Should().Be(altered.Hash);
    }

    [Fact]
    public void A_deleted_block_is_a_gap_where_it_was()
    {
        var report = Verify(Stored(_blocks.Where((_, i) => i != 5)));

        report.FirstDefect.ShouldBe(5, DefectKind.SequenceGap, "sequence 6 skips ahead: expected 5");
        DefectsOf(report).Should().Equal((5, DefectKind.SequenceGap));
    }

    [Fact]
    public void A_deleted_first_block_is_a_gap_at_height_zero()
    {
        DefectsOf(Verify(Stored(_blocks.Skip(1)))).Should().Equal((0, DefectKind.SequenceGap));
    }

    [Fact]
    public void A_deleted_block_whose_neighbours_keep_their_heights_is_found_where_the_heights_jump()
    {
        var entries = Stored(_blocks).Where(e => e.Height != 5);

        var report = Verify(entries);

        report.FirstDefect.ShouldBe(6, DefectKind.SequenceGap, "stored at height 6 where height 5 was expected");
        report.Defects.Should().OnlyContain(d => d.Height == 6, "the blocks after the jump are honest");
    }

    [Fact]
    public void Two_swapped_blocks_are_a_gap_and_a_replay_at_their_heights()
    {
        var swapped = _blocks.ToList();
        (swapped[4], swapped[5]) = (swapped[5], swapped[4]);

        var report = Verify(Stored(swapped));

        DefectsOf(report).Should().Equal((4, DefectKind.SequenceGap), (5, DefectKind.Replay));
    }

    [Fact]
    public void A_block_stored_twice_is_a_duplicate_where_it_repeats()
    {
        var repeated = _blocks.Take(6).Append(_blocks[5]).Concat(_blocks.Skip(6));

        var report = Verify(Stored(repeated));

        report.FirstDefect.ShouldBe(6, DefectKind.Duplicate);
        DefectsOf(report).Should().Equal((6, DefectKind.Duplicate));
        report.BlocksChecked.Should().Be(Length + 1);
        report.Head.Should().Be(_blocks[^1].Hash);
    }

    [Fact]
    public void An_old_block_replayed_in_the_middle_is_a_replay_where_it_was_inserted()
    {
        var replayed = _blocks.Take(6).Append(_blocks[2]).Concat(_blocks.Skip(6));

        DefectsOf(Verify(Stored(replayed))).Should().Equal((6, DefectKind.Replay));
    }

    [Fact]
    public void A_chain_cut_at_its_end_verifies_so_only_the_devices_own_head_shows_the_loss()
    {
        var report = Verify(Stored(_blocks.Take(Length - 2)));

        report.IsValid.Should().BeTrue();
        report.Head.Should().NotBe(_meter.Head.Hash);
    }

    [Fact]
    public void A_block_signed_by_a_key_revoked_before_it_was_sealed_is_revoked_at_its_height()
    {
        var certificate = _pki.Registry.CertificatesOf(_meter.Id)[0];
        _pki.Registry.AddRevocation(_pki.Root.Revoke(certificate, _blocks[7].Timestamp, RevocationReason.KeyCompromise));

        DefectsOf(Verify(Stored(_blocks))).Should().Equal((7, DefectKind.CertificateRevoked), (8, DefectKind.CertificateRevoked), (9, DefectKind.CertificateRevoked));
    }

    [Fact]
    public async Task Entries_read_asynchronously_give_the_same_report()
    {
        var entries = Stored(_blocks);
        entries[3] = new LedgerEntry(3, Tamper.WithChangedValue(_blocks[3]).Encoded);

        var report = await _verifier.VerifyAsync(_meter.Id, entries.ToAsyncEnumerable());

        report.Should().BeEquivalentTo(Verify(entries));
    }

    private static List<LedgerEntry> Stored(IEnumerable<MeterBlock> blocks) => [.. blocks.Select((b, i) => new LedgerEntry(i, b.Encoded))];

    private static IEnumerable<(long Height, DefectKind Kind)> DefectsOf(ChainReport report) => report.Defects.Select(d => (d.Height, d.Kind));

    private ChainReport Verify(IEnumerable<LedgerEntry> entries) => _verifier.Verify(_meter.Id, entries);
}
