using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Hosting.Tests.Storage;

public sealed class SqliteLedgerStoreTests : IDisposable
{
    private readonly TemporaryDatabase _file = new();

    private static ChainId Chain(string id) => ChainId.Meter(DeviceId.Parse(id));

    private static byte[] Record(long height) => [.. BitConverter.GetBytes(height), 0xAB, (byte)height];

    private static async Task AppendAsync(ILedgerStore store, ChainId chain, int count, long from = 0)
    {
        for (var h = from; h < from + count; h++)
        {
            await store.AppendAsync(chain, h, Record(h));
        }
    }

    private static async Task<List<LedgerEntry>> ReadAllAsync(ILedgerStore store, ChainId chain, long from = 0)
    {
        var list = new List<LedgerEntry>();
        await foreach (var entry in store.ReadAsync(chain, from))
        {
            list.Add(entry);
        }

        return list;
    }

    // The chain reads back exactly Record(0) .. Record(count - 1), in order.
    private static async Task ShouldHoldRecordsAsync(ILedgerStore store, ChainId chain, int count) =>
        (await ReadAllAsync(store, chain)).Select(e => e.Bytes.ToArray()).Should().BeEquivalentTo(Enumerable.Range(0, count).Select(h => Record(h)), o => o.WithStrictOrdering());

    // The chains the store lists, as "Kind:node".
    private static async Task<List<string>> ListAsync(ILedgerStore store, DeviceRole? kind = null)
    {
        var listed = new List<string>();
        await foreach (var id in store.ListChainsAsync(kind))
        {
            listed.Add($"{id.Kind}:{id.Node.Value}");
        }

        return listed;
    }

    // Sealed pages and unsealed heights (as the chains' directory rows count them), read as an auditor would.
    private static (long Pages, long Tail) CountRows(SqliteDatabase database)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM pages), (SELECT COALESCE(SUM(height - sealed), 0) FROM chains)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    // The first column of the first row of `sql`, read as an auditor would.
    private static object? Scalar(SqliteDatabase database, string sql)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Appended_records_read_back_in_height_order_across_pages_and_tail()
    {
        using var database = _file.Open(pageSize: 3);
        var store = new SqliteLedgerStore(database);
        var chain = Chain("MTR-1");

        await AppendAsync(store, chain, 8);

        var all = await ReadAllAsync(store, chain);
        all.Select(e => e.Height).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        all.Select(e => e.Bytes.ToArray()).Should().BeEquivalentTo(Enumerable.Range(0, 8).Select(h => Record(h)), o => o.WithStrictOrdering());
        (await ReadAllAsync(store, chain, from: 4)).Select(e => e.Height).Should().Equal(4, 5, 6, 7);
        (await store.GetHeightAsync(chain)).Should().Be(8);
    }

    [Fact]
    public async Task Every_page_size_appends_seal_one_page_and_leave_the_rest_in_the_tail()
    {
        using var database = _file.Open(pageSize: 3);
        var store = new SqliteLedgerStore(database);

        await AppendAsync(store, Chain("MTR-1"), 7);

        var (pages, tail) = CountRows(database);
        pages.Should().Be(2, "heights 0-2 and 3-5 are sealed");
        tail.Should().Be(1, "height 6 waits in the tail");
    }

    [Fact]
    public async Task Tail_returns_the_last_records_oldest_first()
    {
        using var database = _file.Open(pageSize: 4);
        var store = new SqliteLedgerStore(database);
        var chain = Chain("MTR-1");
        await AppendAsync(store, chain, 10);

        var tail = await store.ReadTailAsync(chain, 3);

        tail.Select(e => e.Height).Should().Equal(7, 8, 9);
        (await store.ReadTailAsync(chain, 1)).Select(e => e.Height).Should().Equal(9);
        (await store.ReadTailAsync(Chain("MTR-none"), 3)).Should().BeEmpty();

        // The newest row gone by hand: the tail is what is actually stored last.
        _file.Execute("DELETE FROM tail WHERE node = 'MTR-1' AND height = 9").Should().Be(1);
        (await store.ReadTailAsync(chain, 2)).Select(e => e.Height).Should().Equal(7, 8);
    }

    [Fact]
    public async Task Append_at_a_taken_or_skipped_height_conflicts_and_writes_nothing()
    {
        using var database = _file.Open();
        var store = new SqliteLedgerStore(database);
        var chain = Chain("MTR-1");
        await AppendAsync(store, chain, 2);

        var taken = async () => await store.AppendAsync(chain, 1, Record(99));
        var skipped = async () => await store.AppendAsync(chain, 5, Record(99));

        (await taken.Should().ThrowAsync<LedgerConflictException>()).Which.StoredHeight.Should().Be(2);
        await skipped.Should().ThrowAsync<LedgerConflictException>();
        (await ReadAllAsync(store, chain)).Select(e => e.Bytes.ToArray()).Should().BeEquivalentTo(new[] { Record(0), Record(1) }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_backlog_appended_at_once_seals_its_pages_and_reads_back_like_single_appends()
    {
        using var database = _file.Open(pageSize: 3);
        var store = new SqliteLedgerStore(database);
        var chain = Chain("MTR-1");
        await AppendAsync(store, chain, 2);

        await store.AppendManyAsync(chain, 2, [.. Enumerable.Range(2, 6).Select(h => (ReadOnlyMemory<byte>)Record(h))]);

        await ShouldHoldRecordsAsync(store, chain, 8);
        (await store.GetHeightAsync(chain)).Should().Be(8);
        var (pages, tail) = CountRows(database);
        pages.Should().Be(2, "heights 0-2 and 3-5 are sealed, as one append at a time would have");
        tail.Should().Be(2);
    }

    [Fact]
    public async Task A_backlog_at_a_taken_height_conflicts_and_writes_none_of_it()
    {
        using var database = _file.Open(pageSize: 3);
        var store = new SqliteLedgerStore(database);
        var chain = Chain("MTR-1");
        await AppendAsync(store, chain, 2);

        var taken = async () => await store.AppendManyAsync(chain, 1, [Record(97), Record(98), Record(99)]);
        var skipped = async () => await store.AppendManyAsync(chain, 3, [Record(98), Record(99)]);
        var empty = async () => await store.AppendManyAsync(chain, 5, []);

        (await taken.Should().ThrowAsync<LedgerConflictException>()).Which.StoredHeight.Should().Be(2);
        await skipped.Should().ThrowAsync<LedgerConflictException>();
        (await empty.Should().ThrowAsync<LedgerConflictException>()).Which.StoredHeight.Should().Be(2);
        (await ReadAllAsync(store, chain)).Select(e => e.Bytes.ToArray()).Should().BeEquivalentTo(new[] { Record(0), Record(1) }, o => o.WithStrictOrdering());
        (await store.GetHeightAsync(chain)).Should().Be(2);

        await store.AppendManyAsync(chain, 2, []);
        await store.AppendManyAsync(Chain("MTR-none"), 0, []);

        (await store.GetHeightAsync(chain)).Should().Be(2, "an empty append only checks the height");
        (await ReadAllAsync(store, chain)).Should().HaveCount(2);
        (await ListAsync(store)).Should().Equal(["Meter:MTR-1"], "an empty append creates no chain");
    }

    [Fact]
    public async Task A_backlog_refused_after_some_of_it_was_written_leaves_no_trace_and_the_batch_beside_it_commits()
    {
        using var database = _file.Open(pageSize: 3);
        var store = new SqliteLedgerStore(database);
        var chain = Chain("MTR-1");
        await AppendAsync(store, chain, 5);
        // Height 4's row altered by hand: the backlog stores height 5 and then fails sealing the
        // page of heights 3-5.
        _file.Execute("UPDATE tail SET height = 40 WHERE node = 'MTR-1' AND height = 4").Should().Be(1);
        var directory = Scalar(database, "SELECT hex(rows) FROM chains WHERE node = 'MTR-1'");
        var rowsBefore = Scalar(database, "SELECT COUNT(*) FROM tail");

        var refused = store.AppendManyAsync(chain, 5, [.. Enumerable.Range(5, 6).Select(h => (ReadOnlyMemory<byte>)Record(h))]).AsTask();
        var beside = store.AppendManyAsync(Chain("MTR-2"), 0, [Record(0), Record(1)]).AsTask();

        await FluentActions.Awaiting(() => refused).Should().ThrowAsync<InvalidOperationException>().WithMessage("*block 4 is missing*");
        await beside;
        (await store.GetHeightAsync(chain)).Should().Be(5);
        (await store.GetHeightAsync(Chain("MTR-2"))).Should().Be(2);
        Scalar(database, "SELECT COUNT(*) FROM pages").Should().Be(1L, "only the page sealed before; the backlog's was rolled back with it");
        Scalar(database, "SELECT hex(rows) FROM chains WHERE node = 'MTR-1'").Should().Be(directory, "the chain's list is as it was");
        Scalar(database, "SELECT COUNT(*) FROM tail").Should().Be((long)rowsBefore! + 2, "only the two rows of the batch beside it were added");
    }

    [Fact]
    public async Task A_chain_whose_list_of_unsealed_blocks_does_not_reach_its_height_takes_no_more()
    {
        using var database = _file.Open(pageSize: 4);
        var store = new SqliteLedgerStore(database);
        var chain = Chain("MTR-1");
        await AppendAsync(store, chain, 6);
        _file.Execute("UPDATE chains SET rows = substr(rows, 1, 1) WHERE node = 'MTR-1'").Should().Be(1);

        var append = async () => await store.AppendAsync(chain, 6, Record(6));

        await append.Should().ThrowAsync<InvalidOperationException>().WithMessage("*MTR-1*does not end at its height 6*");
        (await store.GetHeightAsync(chain)).Should().Be(6);
        (await ReadAllAsync(store, chain)).Select(e => e.Height).Should().Equal([0L, 1, 2, 3, 4], "height 5 is no longer listed, which an audit reports");
    }

    [Fact]
    public async Task Concurrent_appends_to_many_chains_are_all_kept_even_when_some_conflict()
    {
        using var database = _file.Open(pageSize: 5);
        var store = new SqliteLedgerStore(database);
        var chains = Enumerable.Range(0, 40).Select(i => Chain($"MTR-{i}")).ToArray();

        // Each chain gets its own ordered writer; a rogue writer races a taken height on every chain.
        var writers = chains.Select(chain => AppendAsync(store, chain, 12));
        var rogues = chains.Select(async chain =>
        {
            try
            {
                await store.AppendAsync(chain, 0, Record(-1));
            }
            catch (LedgerConflictException)
            {
            }
        });
        await Task.WhenAll(writers.Concat(rogues).ToArray()).ContinueWith(_ => { }, TaskScheduler.Default);

        foreach (var chain in chains)
        {
            var entries = await ReadAllAsync(store, chain);
            entries.Select(e => e.Height).Should().Equal(Enumerable.Range(0, entries.Count).Select(h => (long)h));
            entries.Count.Should().BeInRange(12, 13);
        }
    }

    [Fact]
    public async Task Records_survive_closing_and_reopening_the_file()
    {
        var chain = Chain("MTR-1");
        using (var database = _file.Open(pageSize: 3))
        {
            await AppendAsync(new SqliteLedgerStore(database), chain, 5);
        }

        using var reopened = _file.Open(pageSize: 3);
        var store = new SqliteLedgerStore(reopened);

        (await ReadAllAsync(store, chain)).Should().HaveCount(5);
        await store.AppendAsync(chain, 5, Record(5));
        (await store.GetHeightAsync(chain)).Should().Be(6);
    }

    [Fact]
    public async Task Chains_are_listed_by_kind_in_order()
    {
        using var database = _file.Open();
        var store = new SqliteLedgerStore(database);
        await AppendAsync(store, Chain("MTR-b"), 1);
        await AppendAsync(store, Chain("MTR-a"), 1);
        await AppendAsync(store, new ChainId(DeviceRole.Concentrator, DeviceId.Parse("DC-1")), 1);
        await AppendAsync(store, new ChainId(DeviceRole.Concentrator, DeviceId.Parse("DC-0")), 1);
        _file.Execute("DELETE FROM chains WHERE node IN ('MTR-b', 'DC-0')").Should().Be(2);

        (await ListAsync(store, DeviceRole.Meter)).Should().Equal("Meter:MTR-a", "Meter:MTR-b");
        (await ListAsync(store, DeviceRole.Concentrator)).Should().Equal("Concentrator:DC-0", "Concentrator:DC-1");
        (await ListAsync(store, DeviceRole.Utility)).Should().BeEmpty();
        (await ListAsync(store)).Should().HaveCount(4);
    }

    [Fact]
    public void A_page_with_a_broken_frame_yields_the_rest_as_one_undecodable_record()
    {
        var writer = new CanonicalWriter();
        writer.WriteSizedBytes([1, 2, 3]);
        writer.WriteSizedBytes([4, 5]);
        var page = writer.ToArray();
        page[4] = 0x7F; // second record now claims 127 bytes

        var entries = SqliteLedgerStore.UnpackPage(10, 3, page).ToList();

        entries.Select(e => e.Height).Should().Equal(10, 11);
        entries[0].Bytes.ToArray().Should().Equal(1, 2, 3);
        entries[1].Bytes.ToArray().Should().Equal(0x7F, 4, 5);
    }

    [Fact]
    public async Task Certificates_are_stored_once_and_never_overwritten()
    {
        using var database = _file.Open();
        var store = new SqliteLedgerStore(database);
        var root = new CertificateAuthority(DeviceId.Parse("root"), SigningKeyPair.Derive("hosting-tests"u8, "root"));
        var key = SigningKeyPair.Derive("hosting-tests"u8, "meter");
        var start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var certificate = root.Issue(DeviceId.Parse("MTR-1"), DeviceRole.Meter, key.PublicKey, start, start.AddYears(1), serial: 7);
        var impostor = root.Issue(DeviceId.Parse("MTR-1"), DeviceRole.Meter, SigningKeyPair.Derive("x"u8, "y").PublicKey, start, start.AddYears(1), serial: 7);
        var revocation = root.Revoke(certificate, start.AddDays(1), RevocationReason.KeyCompromise);

        await store.PutCertificateAsync(certificate);
        await store.PutCertificateAsync(certificate);
        var overwrite = async () => await store.PutCertificateAsync(impostor);
        (await overwrite.Should().ThrowAsync<LedgerConflictException>()).WithMessage("*#7*never overwritten*");
        await store.PutRevocationAsync(revocation);
        await store.PutRevocationAsync(root.Revoke(certificate, start.AddDays(5), RevocationReason.Superseded));

        var stored = new List<byte[]>();
        await foreach (var bytes in store.ReadCertificatesAsync(DeviceId.Parse("MTR-1")))
        {
            stored.Add(bytes.ToArray());
        }

        stored.Should().ContainSingle().Which.Should().Equal(certificate.Encoded.ToArray());
        var revocations = new List<byte[]>();
        await foreach (var bytes in store.ReadRevocationsAsync())
        {
            revocations.Add(bytes.ToArray());
        }

        revocations.Should().ContainSingle().Which.Should().Equal(revocation.Encoded.ToArray(), "a later revocation does not narrow an earlier one");
    }

    [Fact]
    public async Task An_earlier_revocation_replaces_a_later_one()
    {
        using var database = _file.Open();
        var store = new SqliteLedgerStore(database);
        var root = new CertificateAuthority(DeviceId.Parse("root"), SigningKeyPair.Derive("hosting-tests"u8, "root"));
        var start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var certificate = root.Issue(DeviceId.Parse("MTR-1"), DeviceRole.Meter, SigningKeyPair.Derive("hosting-tests"u8, "meter").PublicKey, start, start.AddYears(1));
        var later = root.Revoke(certificate, start.AddDays(10), RevocationReason.Superseded);
        var earlier = root.Revoke(certificate, start.AddDays(2), RevocationReason.KeyCompromise);

        await store.PutRevocationAsync(later);
        await store.PutRevocationAsync(earlier);

        var stored = new List<byte[]>();
        await foreach (var bytes in store.ReadRevocationsAsync(DeviceId.Parse("MTR-1")))
        {
            stored.Add(bytes.ToArray());
        }

        stored.Should().ContainSingle().Which.Should().Equal(earlier.Encoded.ToArray());
    }

    [Fact]
    public async Task A_chain_whose_directory_row_was_deleted_is_still_listed_shows_it_was_cut_short_and_takes_no_new_first_block()
    {
        using var database = _file.Open(pageSize: 3);
        var store = new SqliteLedgerStore(database);
        var (unsealed, paged) = (Chain("MTR-hidden"), Chain("MTR-paged"));
        await AppendAsync(store, unsealed, 2);
        await AppendAsync(store, paged, 4);
        await AppendAsync(store, Chain("MTR-visible"), 1);
        _file.Execute("DELETE FROM chains WHERE node IN ('MTR-hidden', 'MTR-paged')").Should().Be(2);

        (await ListAsync(store)).Should().Equal("Meter:MTR-hidden", "Meter:MTR-paged", "Meter:MTR-visible");
        (await ReadAllAsync(store, unsealed)).Select(e => e.Height).Should().Equal([0L], "its first block is still found; the blocks after it went with the list");
        (await store.ReadTailAsync(unsealed, 1)).Select(e => e.Height).Should().Equal([0L]);
        (await ReadAllAsync(store, paged)).Select(e => e.Height).Should().Equal([0L, 1, 2], "the sealed page is still read");
        (await store.GetHeightAsync(unsealed)).Should().Be(0, "the directory no longer records it, which an audit reports");
        foreach (var chain in new[] { unsealed, paged })
        {
            var replay = async () => await store.AppendAsync(chain, 0, Record(0));
            await replay.Should().ThrowAsync<LedgerConflictException>().WithMessage("*no directory row*");
        }

        Scalar(database, "SELECT COUNT(*) FROM tail WHERE node = 'MTR-hidden' AND height = 0").Should().Be(1L, "nothing was written");
    }

    [Fact]
    public async Task The_sweep_keeps_the_rows_of_a_chain_whose_directory_row_was_deleted()
    {
        using var database = _file.Open(pageSize: 4);
        var store = new SqliteLedgerStore(database);
        var hidden = Chain("MTR-hidden");
        await AppendAsync(store, hidden, 2);
        _file.Execute("DELETE FROM chains WHERE node = 'MTR-hidden'").Should().Be(1);

        // Enough appends elsewhere for the sweep to pass the hidden chain's rows many times over.
        var busy = Enumerable.Range(0, 6).Select(i => Chain($"MTR-busy-{i}")).ToArray();
        for (var round = 0; round < 40; round++)
        {
            foreach (var chain in busy)
            {
                await store.AppendAsync(chain, round, Record(round));
            }
        }

        Scalar(database, "SELECT COUNT(*) FROM tail WHERE node = 'MTR-hidden'").Should().Be(2L, "no directory row says they are sealed");
        (await ListAsync(store)).Should().Contain("Meter:MTR-hidden");
        var replay = async () => await store.AppendAsync(hidden, 0, Record(0));
        await replay.Should().ThrowAsync<LedgerConflictException>().WithMessage("*no directory row*");
    }

    [Fact]
    public async Task A_version_3_chain_whose_directory_row_was_deleted_stays_without_one_after_the_migration()
    {
        await WriteOldFileAsync(3);
        _file.Execute("DELETE FROM chains WHERE node = 'MTR-1'").Should().Be(1);
        var chain = Chain("MTR-1");

        using var database = _file.Open();
        var store = new SqliteLedgerStore(database);

        (await store.GetHeightAsync(chain)).Should().Be(0, "the migration does not make up a directory row from the old index");
        (await ReadAllAsync(store, chain)).Select(e => e.Height).Should().Equal([0L, 1, 2], "its page is still read");
        var replay = async () => await store.AppendAsync(chain, 0, Record(0));
        await replay.Should().ThrowAsync<LedgerConflictException>().WithMessage("*no directory row*");
    }

    [Fact]
    public async Task A_version_3_index_entry_above_the_recorded_height_is_not_listed_by_the_migration()
    {
        await WriteOldFileAsync(3);
        _file.Execute(
            "INSERT INTO tail (kind, node, height, data) VALUES ($kind, 'MTR-1', 4, x'00'); INSERT INTO tail_rows (kind, node, height, row) VALUES ($kind, 'MTR-1', 4, last_insert_rowid())",
            ("$kind", (int)DeviceRole.Meter));
        var chain = Chain("MTR-1");

        using var database = _file.Open();
        var store = new SqliteLedgerStore(database);

        await ShouldHoldRecordsAsync(store, chain, 4);
        await store.AppendAsync(chain, 4, Record(4));
        await ShouldHoldRecordsAsync(store, chain, 5);
    }

    [Fact]
    public async Task The_page_size_is_fixed_when_the_file_is_created()
    {
        var chain = Chain("MTR-1");
        using (var database = _file.Open(pageSize: 3))
        {
            await AppendAsync(new SqliteLedgerStore(database), chain, 4);
        }

        using var reopened = _file.Open(pageSize: 100);
        var store = new SqliteLedgerStore(reopened);
        await AppendAsync(store, chain, 6, from: 4);

        reopened.PageSize.Should().Be(3);
        (await ReadAllAsync(store, chain)).Select(e => e.Height).Should().Equal(Enumerable.Range(0, 10).Select(h => (long)h));
    }

    [Fact]
    public async Task A_read_only_database_reads_but_refuses_writes()
    {
        var chain = Chain("MTR-1");
        using (var database = _file.Open())
        {
            await AppendAsync(new SqliteLedgerStore(database), chain, 2);
        }

        using var readOnly = _file.Open(readOnly: true);
        var store = new SqliteLedgerStore(readOnly);

        (await ReadAllAsync(store, chain)).Should().HaveCount(2);
        var write = async () => await store.AppendAsync(chain, 2, Record(2));
        await write.Should().ThrowAsync<InvalidOperationException>().WithMessage("*read-only*");
    }

    [Fact]
    public void Opening_a_missing_file_read_only_names_the_path()
    {
        var open = () => _file.Open(readOnly: true);

        open.Should().Throw<FileNotFoundException>().WithMessage($"*{_file.Path}*");
    }

    // A file as an earlier version wrote it, heights 0-3 of MTR-1 with page size 3 (heights 0-2
    // sealed). Versions 1 and 2 kept one tail table keyed by chain and height (version 1 also
    // checked each inserted row in a trigger); version 3 kept `tail` as now, with an index of its
    // unsealed rows (`tail_rows`) and a directory of heights only.
    private async Task WriteOldFileAsync(int version)
    {
        using (var database = _file.Open(pageSize: 3))
        {
            // Pages and `tail` as this build writes them: their format did not change.
            await AppendAsync(new SqliteLedgerStore(database), Chain("MTR-1"), 4);
        }

        _file.Execute("""
            CREATE TABLE chains_old (kind INTEGER NOT NULL, node TEXT NOT NULL, height INTEGER NOT NULL, PRIMARY KEY (kind, node)) WITHOUT ROWID;
            INSERT INTO chains_old (kind, node, height) SELECT kind, node, height FROM chains;
            DROP TABLE chains;
            ALTER TABLE chains_old RENAME TO chains;
            """);
        if (version == 3)
        {
            // The sealed heights' rows still wait for the sweep, as they would in a version 3 file.
            _file.Execute("""
                CREATE TABLE tail_rows (kind INTEGER NOT NULL, node TEXT NOT NULL, height INTEGER NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (kind, node, height)) WITHOUT ROWID;
                INSERT INTO tail_rows (kind, node, height, row) SELECT kind, node, height, rowid FROM tail WHERE height >= 3;
                """);
        }
        else
        {
            _file.Execute(
                """
                DELETE FROM tail;
                DROP TABLE tail;
                CREATE TABLE tail (kind INTEGER NOT NULL, node TEXT NOT NULL, height INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (kind, node, height));
                INSERT INTO tail (kind, node, height, data) VALUES ($kind, 'MTR-1', 3, $data);
                """,
                ("$kind", (int)DeviceRole.Meter),
                ("$data", Record(3)));
        }

        if (version == 1)
        {
            _file.Execute("""
                CREATE TRIGGER tail_append BEFORE INSERT ON tail
                BEGIN
                    SELECT RAISE(ABORT, 'ledger height conflict')
                    WHERE NEW.height != COALESCE((SELECT height FROM chains WHERE kind = NEW.kind AND node = NEW.node), 0);
                    INSERT INTO chains (kind, node, height) VALUES (NEW.kind, NEW.node, NEW.height + 1)
                    ON CONFLICT (kind, node) DO UPDATE SET height = excluded.height;
                END
                """);
        }

        _file.Execute($"PRAGMA user_version = {version}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_older_file_opened_for_writing_moves_to_the_current_tail_and_keeps_its_chains(int version)
    {
        await WriteOldFileAsync(version);
        var chain = Chain("MTR-1");

        using (var database = _file.Open())
        {
            var store = new SqliteLedgerStore(database);
            await ShouldHoldRecordsAsync(store, chain, 4);
            await store.AppendManyAsync(chain, 4, [Record(4), Record(5), Record(6)]);
            var skipped = async () => await store.AppendAsync(chain, 8, Record(8));
            (await skipped.Should().ThrowAsync<LedgerConflictException>()).Which.StoredHeight.Should().Be(7);
            await ShouldHoldRecordsAsync(store, chain, 7);
            CountRows(database).Should().Be((2L, 1L), "heights 0-2 and 3-5 are sealed, 6 waits in the tail");
        }

        using var check = _file.Open();
        using var connection = check.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' OR name IN ('tail_v2', 'tail_rows')), (SELECT user_version FROM pragma_user_version)";
        using var reader = command.ExecuteReader();
        reader.Read();
        reader.GetInt64(0).Should().Be(0, "the version 1 trigger, the renamed old tail and the version 3 index are gone");
        reader.GetInt64(1).Should().Be(SqliteDatabase.SchemaVersion);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_older_file_opened_read_only_is_read_as_it_is(int version)
    {
        await WriteOldFileAsync(version);
        var chain = Chain("MTR-1");

        using var database = _file.Open(readOnly: true);
        var store = new SqliteLedgerStore(database);

        await ShouldHoldRecordsAsync(store, chain, 4);
        (await store.ReadTailAsync(chain, 2)).Select(e => e.Height).Should().Equal(2, 3);
        (await store.GetHeightAsync(chain)).Should().Be(4);
        (await ListAsync(store)).Should().Equal("Meter:MTR-1");
        (await ListAsync(store, DeviceRole.Concentrator)).Should().BeEmpty();
        Scalar(database, "SELECT user_version FROM pragma_user_version").Should().Be((long)version, "an audit does not upgrade the file");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_older_file_read_while_another_database_migrates_it_shows_every_block_once(int version)
    {
        await WriteOldFileAsync(version);
        var chain = Chain("MTR-1");
        using var before = _file.Open(readOnly: true);
        (await ReadAllAsync(new SqliteLedgerStore(before), chain)).Should().HaveCount(4);

        // A silo opens the file, migrates it and seals heights 3-5: their rows stay in `tail`
        // until the sweep, below the page that now holds them.
        using (var writer = _file.Open())
        {
            await new SqliteLedgerStore(writer).AppendManyAsync(chain, 4, [Record(4), Record(5), Record(6)]);
        }

        using var after = _file.Open(readOnly: true);
        foreach (var database in new[] { before, after })
        {
            (await ReadAllAsync(new SqliteLedgerStore(database), chain)).Select(e => e.Bytes.ToArray())
                .Should().BeEquivalentTo(Enumerable.Range(0, 7).Select(h => Record(h)), o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public async Task A_row_number_reused_after_a_row_was_deleted_by_hand_does_not_lend_one_chain_another_s_block()
    {
        using var database = _file.Open(pageSize: 3);
        var store = new SqliteLedgerStore(database);
        var (a, b) = (Chain("MTR-a"), Chain("MTR-b"));
        byte[] Other(long height) => [.. Record(height), 0xBB];
        await store.AppendAsync(a, 0, Record(0));
        await store.AppendAsync(b, 0, Other(0));
        await store.AppendAsync(a, 1, Record(1));

        // The newest row goes by hand; SQLite gives its number to the next row stored, B's.
        _file.Execute("DELETE FROM tail WHERE node = 'MTR-a' AND height = 1").Should().Be(1);
        await store.AppendAsync(b, 1, Other(1));

        (await ReadAllAsync(store, a)).Select(e => e.Height).Should().Equal([0L], "A's height 1 is missing, not B's block");
        var seal = async () => await store.AppendAsync(a, 2, Record(2));
        await seal.Should().ThrowAsync<InvalidOperationException>().WithMessage("*block 1 is missing*");
        (await ReadAllAsync(store, b)).Select(e => e.Bytes.ToArray()).Should().BeEquivalentTo(new[] { Other(0), Other(1) }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Rows_a_rolled_back_batch_brings_back_are_swept_again()
    {
        using var database = _file.Open(pageSize: 2);
        var store = new SqliteLedgerStore(database);
        var chains = Enumerable.Range(0, 4).Select(i => Chain($"MTR-{i}")).ToArray();
        var height = 0;
        async Task RoundAsync()
        {
            foreach (var chain in chains)
            {
                await store.AppendAsync(chain, height, Record(height));
            }

            height++;
        }

        for (var round = 0; round < 12; round++)
        {
            await RoundAsync();
        }

        // A round's appends (each sweeping a little) share one batch whose transaction is then
        // rolled back whole, as a failed commit would: the rows they swept are back.
        using var started = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var held = database.WriteAsync(_ =>
        {
            started.Set();
            gate.Wait();
            return true;
        });
        started.Wait();
        var appends = chains.Select(chain => store.AppendAsync(chain, height, Record(height)).AsTask()).ToList();
        var rollback = database.WriteAsync(writer => writer.Statement("ROLLBACK").Execute(), singleStatement: true);
        gate.Set();
        await held;
        foreach (var append in appends.Append(rollback))
        {
            await FluentActions.Awaiting(() => append).Should().ThrowAsync<IOException>();
        }

        for (var round = 0; round < 12; round++)
        {
            await RoundAsync();
        }

        // Every row nothing refers to is within the sweep's window behind the newest row (about
        // twice the live entries; here 8 appends a round for 4 chains of page size 2).
        const string OldUnreferenced = """
            SELECT COUNT(*) FROM tail AS t
            WHERE t.rowid < (SELECT MAX(rowid) FROM tail) - 16
              AND NOT EXISTS (SELECT 1 FROM chains c WHERE c.kind = t.kind AND c.node = t.node AND t.height >= c.sealed AND t.height < c.height)
            """;
        Scalar(database, OldUnreferenced).Should().Be(0L, "the rows the rolled-back sweep had deleted were swept again");
        foreach (var chain in chains)
        {
            (await ReadAllAsync(store, chain)).Select(e => e.Height).Should().Equal(Enumerable.Range(0, height).Select(h => (long)h));
        }
    }

    [Fact]
    public async Task Sealed_blocks_leave_the_tail_table_in_arrival_order_and_only_unsealed_ones_stay()
    {
        using var database = _file.Open(pageSize: 4);
        var store = new SqliteLedgerStore(database);
        var busy = Enumerable.Range(0, 6).Select(i => Chain($"MTR-busy-{i}")).ToArray();
        var paused = Chain("MTR-paused");

        // The paused chain stores two blocks early and then nothing for a long time; the busy ones
        // go round after round, sealing a page every four.
        await AppendAsync(store, paused, 2);
        for (var round = 0; round < 40; round++)
        {
            foreach (var chain in busy)
            {
                await store.AppendAsync(chain, round, Record(round));
            }
        }

        // 240 busy blocks, 60 pages sealed, nothing unsealed but the paused chain's two: the sweep
        // keeps about twice the live entries behind the newest row, not every sealed block.
        CountRows(database).Should().Be((60L, 2L));
        ((long)Scalar(database, "SELECT COUNT(*) FROM tail")!).Should().BeLessThan(40, "sealed rows are swept; only a window behind the newest stays");

        // The paused chain's rows were passed by the sweep while unsealed: its seal removes them.
        await AppendAsync(store, paused, 2, from: 2);
        CountRows(database).Should().Be((61L, 0L));
        foreach (var chain in busy.Append(paused))
        {
            var expected = chain == paused ? 4 : 40;
            await ShouldHoldRecordsAsync(store, chain, expected);
        }

        Scalar(database, "SELECT group_concat(height) FROM (SELECT height FROM tail WHERE node = 'MTR-paused' ORDER BY height)")
            .Should().Be("2,3", "the rows the sweep had passed went with the seal; the two just stored wait for the sweep like any sealed row");
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused()
    {
        using (_file.Open())
        {
        }

        _file.Execute($"PRAGMA user_version = {SqliteDatabase.SchemaVersion + 1}");

        var open = () => _file.Open();
        open.Should().Throw<InvalidOperationException>().WithMessage("*schema version*");
    }
}
