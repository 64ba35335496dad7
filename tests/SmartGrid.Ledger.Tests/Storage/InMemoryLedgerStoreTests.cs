using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Storage;

/// <summary>The <see cref="ILedgerStore"/> and <see cref="IPkiStore"/> contract, as the in-memory store keeps it.</summary>
public class InMemoryLedgerStoreTests
{
    private static readonly ChainId Chain = ChainId.Meter(DeviceId.Parse("meter-0001"));

    private readonly InMemoryLedgerStore _store = new();

    [Fact]
    public async Task Appends_at_the_next_height_extend_the_chain_in_order()
    {
        await AppendAsync(Chain, 3);

        (await _store.GetHeightAsync(Chain)).Should().Be(3);
        (await ReadAllAsync(Chain)).Should().Equal((0L, "r0"), (1L, "r1"), (2L, "r2"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task An_append_at_another_height_conflicts_and_writes_nothing(long height)
    {
        await AppendAsync(Chain, 2);

        var append = async () => await _store.AppendAsync(Chain, height, Record("intruder"));

        var conflict = (await append.Should().ThrowExactlyAsync<LedgerConflictException>()).Which;
        conflict.Chain.Should().Be(Chain);
        conflict.Height.Should().Be(height);
        conflict.StoredHeight.Should().Be(2);
        (await _store.GetHeightAsync(Chain)).Should().Be(2);
        (await ReadAllAsync(Chain)).Should().Equal((0L, "r0"), (1L, "r1"));
    }

    [Fact]
    public async Task A_backlog_appends_at_the_next_heights_all_or_nothing()
    {
        await AppendAsync(Chain, 1);

        var taken = async () => await _store.AppendManyAsync(Chain, 0, [Record("x"), Record("y")]);
        (await taken.Should().ThrowExactlyAsync<LedgerConflictException>()).Which.StoredHeight.Should().Be(1);
        await _store.AppendManyAsync(Chain, 1, [Record("r1"), Record("r2"), Record("r3")]);

        (await ReadAllAsync(Chain)).Should().Equal((0L, "r0"), (1L, "r1"), (2L, "r2"), (3L, "r3"));
    }

    [Fact]
    public async Task A_conflicting_first_append_does_not_create_the_chain()
    {
        var append = async () => await _store.AppendAsync(Chain, 1, Record("intruder"));

        await append.Should().ThrowExactlyAsync<LedgerConflictException>();
        (await _store.GetHeightAsync(Chain)).Should().Be(0);
        (await ListAsync(null)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_store_keeps_a_copy_of_what_was_appended()
    {
        var bytes = Record("r0");
        await _store.AppendAsync(Chain, 0, bytes);

        bytes[0] ^= 0xFF;

        (await ReadAllAsync(Chain)).Should().Equal((0L, "r0"));
    }

    [Fact]
    public async Task An_unknown_chain_is_empty()
    {
        (await _store.GetHeightAsync(Chain)).Should().Be(0);
        (await _store.ReadTailAsync(Chain, 5)).Should().BeEmpty();
        (await ReadAllAsync(Chain)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(3, new[] { 7L, 8L, 9L })]
    [InlineData(1, new[] { 9L })]
    [InlineData(0, new long[0])]
    [InlineData(10, new[] { 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L })]
    [InlineData(50, new[] { 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L })]
    public async Task The_tail_is_the_last_records_oldest_first(int maxCount, long[] heights)
    {
        await AppendAsync(Chain, 10);

        var tail = await _store.ReadTailAsync(Chain, maxCount);

        tail.Select(e => e.Height).Should().Equal(heights);
        tail.Select(e => Text(e.Bytes)).Should().Equal(heights.Select(h => $"r{h}"));
    }

    [Fact]
    public async Task Reading_from_a_height_yields_the_records_from_there_in_order()
    {
        await AppendAsync(Chain, 6);

        (await ReadAllAsync(Chain, fromHeight: 4)).Should().Equal((4L, "r4"), (5L, "r5"));
        (await ReadAllAsync(Chain, fromHeight: 6)).Should().BeEmpty();
    }

    [Fact]
    public async Task Chains_are_listed_in_name_order_and_by_kind()
    {
        var concentrator = new ChainId(DeviceRole.Concentrator, DeviceId.Parse("dc-7"));
        var meterB = ChainId.Meter(DeviceId.Parse("meter-B"));
        var meterA = ChainId.Meter(DeviceId.Parse("meter-A"));
        foreach (var chain in new[] { meterB, concentrator, meterA })
        {
            await AppendAsync(chain, 1);
        }

        (await ListAsync(DeviceRole.Meter)).Should().Equal(meterA, meterB);
        (await ListAsync(DeviceRole.Concentrator)).Should().Equal(concentrator);
        (await ListAsync(DeviceRole.Utility)).Should().BeEmpty();
        (await ListAsync(null)).Select(c => c.ToString()).Should().Equal("concentrator/dc-7", "meter/meter-A", "meter/meter-B");
    }

    [Fact]
    public async Task Overwrite_replaces_a_record_in_place_as_an_attacker_could()
    {
        await AppendAsync(Chain, 3);

        _store.Overwrite(Chain, 1, Record("forged"));

        (await ReadAllAsync(Chain)).Should().Equal((0L, "r0"), (1L, "forged"), (2L, "r2"));
        (await _store.GetHeightAsync(Chain)).Should().Be(3);
    }

    [Fact]
    public async Task Certificates_and_revocations_are_read_back_by_subject_and_serial_and_stored_once()
    {
        var pki = new TestPki();
        var meterB = new TestMeter("meter-B");
        var meterA2 = new TestMeter("meter-A", keySerial: 2);
        var meterA1 = new TestMeter("meter-A", keySerial: 1);
        var certificates = new[] { pki.Issue(meterB), pki.Issue(meterA2), pki.Issue(meterA1) };
        foreach (var certificate in certificates.Append(certificates[0]))
        {
            await _store.PutCertificateAsync(certificate);
            await _store.PutRevocationAsync(pki.Root.Revoke(certificate, TestPki.NotAfter, RevocationReason.CessationOfOperation));
        }

        var all = await ReadAsync(_store.ReadCertificatesAsync());
        all.Select(c => (DeviceCertificate.Decode(c.Span).Subject.Value, DeviceCertificate.Decode(c.Span).Serial))
            .Should().Equal(("meter-A", 1UL), ("meter-A", 2UL), ("meter-B", 1UL));
        (await ReadAsync(_store.ReadCertificatesAsync(meterB.Id))).Should().ContainSingle()
            .Which.ToArray().Should().Equal(certificates[0].Encoded.ToArray());
        (await ReadAsync(_store.ReadRevocationsAsync(meterA1.Id))).Select(r => CertificateRevocation.Decode(r.Span).Serial).Should().Equal(1UL, 2UL);
        (await ReadAsync(_store.ReadRevocationsAsync())).Should().HaveCount(3);
    }

    private static byte[] Record(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> bytes) => System.Text.Encoding.ASCII.GetString(bytes.Span);

    private static async Task<List<T>> ReadAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private async Task AppendAsync(ChainId chain, int count)
    {
        for (var height = 0; height < count; height++)
        {
            await _store.AppendAsync(chain, height, Record($"r{height}"));
        }
    }

    private async Task<List<(long Height, string Text)>> ReadAllAsync(ChainId chain, long fromHeight = 0) =>
        [.. (await ReadAsync(_store.ReadAsync(chain, fromHeight))).Select(e => (e.Height, Text(e.Bytes)))];

    private Task<List<ChainId>> ListAsync(DeviceRole? kind) => ReadAsync(_store.ListChainsAsync(kind));
}
