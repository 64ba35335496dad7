using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Ledger.Chain;

/// <summary>
/// Verifies a meter chain from its first block, as stored, and reports every defect with its
/// height and reason instead of a bare false. It uses the same rules as live ingest
/// (<see cref="MeterBlockValidator"/>) and keeps going after a defect, so one altered block shows
/// as a bad signature at its height and a broken link at the next, and nothing after is hidden.
/// A block stored again (duplicate, replay) does not move the head, and after a gap the check
/// carries on from the authentic block that follows it, so a lost, swapped or repeated block is
/// reported where it is rather than at every height after it.
/// </summary>
public sealed class ChainVerifier
{
    private readonly CertificateRegistry _registry;
    private readonly TimeSpan _maxClockSkew;

    /// <summary>Creates a verifier trusting the certificates in <paramref name="registry"/>.</summary>
    public ChainVerifier(CertificateRegistry registry, TimeSpan maxClockSkew)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _maxClockSkew = maxClockSkew;
    }

    /// <summary>Verifies stored entries (height and bytes) of <paramref name="meter"/>'s chain, in height order.</summary>
    public ChainReport Verify(DeviceId meter, IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var state = new State(meter);
        foreach (var entry in entries)
        {
            Step(state, entry);
        }

        return state.ToReport();
    }

    /// <summary>Verifies stored entries delivered asynchronously (from a store), in height order.</summary>
    public async Task<ChainReport> VerifyAsync(DeviceId meter, IAsyncEnumerable<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var state = new State(meter);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            Step(state, entry);
        }

        return state.ToReport();
    }

    /// <summary>Verifies decoded blocks, taking their positions as heights 0, 1, 2...</summary>
    public ChainReport Verify(DeviceId meter, IEnumerable<MeterBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var height = 0L;
        return Verify(meter, blocks.Select(b => new LedgerEntry(height++, b.Encoded)));
    }

    private void Step(State state, LedgerEntry entry)
    {
        state.Blocks++;
        if (entry.Height != state.NextHeight)
        {
            var kind = entry.Height > state.NextHeight ? DefectKind.SequenceGap : DefectKind.Replay;
            state.Defects.Add(new ChainDefect(entry.Height, kind, $"stored at height {entry.Height} where height {state.NextHeight} was expected"));
        }

        state.NextHeight = entry.Height + 1;
        MeterBlock block;
        try
        {
            block = MeterBlock.Decode(entry.Bytes.Span);
        }
        catch (LedgerFormatException ex)
        {
            state.Defects.Add(new ChainDefect(entry.Height, DefectKind.Malformed, ex.Message));

            // Link the next block against the bytes as stored: if they were altered, it breaks.
            var storedHash = Hash256.Compute(entry.Bytes.Span);
            state.Head = new ChainHead(state.Head.Height + 1, storedHash, state.Head.LastTimestamp, state.Head.LastReadingEnd);
            state.LastHash = storedHash;
            return;
        }

        state.Readings += block.Profile.Readings.Length;
        var defect = MeterBlockValidator.Check(block, state.Device, state.Head, _registry, now: null, _maxClockSkew);
        if (defect is not null)
        {
            state.Defects.Add(defect with { Height = entry.Height });
        }

        state.Head = defect?.Kind switch
        {
            // Already in the chain: it does not extend it.
            DefectKind.Duplicate or DefectKind.Replay => state.Head,

            // Blocks are missing before an authentic block: carry on from its own sequence.
            DefectKind.SequenceGap when block.Sequence < long.MaxValue && IsAuthentic(block, state.Device) =>
                (state.Head with { Height = (long)block.Sequence }).Advance(block),

            // Anything else takes the next place, so an altered block also breaks the next link.
            _ => state.Head.Advance(block),
        };
        state.LastHash = block.Hash;
    }

    private bool IsAuthentic(MeterBlock block, DeviceId meter) =>
        _registry.Check(meter, block.KeySerial, DeviceRole.Meter, block.Timestamp, null, out var certificate) == CertificateStatus.Valid
        && block.VerifySignature(certificate!.SubjectKey);

    private sealed class State(DeviceId device)
    {
        public readonly DeviceId Device = device;
        public ChainHead Head = ChainHead.Genesis;
        public long NextHeight;
        public long Blocks;
        public long Readings;
        public Hash256 LastHash = Hash256.Zero;
        public readonly List<ChainDefect> Defects = [];

        public ChainReport ToReport() => new(Device, Blocks, Readings, LastHash, [.. Defects]);
    }
}
