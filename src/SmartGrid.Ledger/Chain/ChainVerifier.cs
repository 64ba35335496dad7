using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Chain;

/// <summary>
/// Verifies a chain of any tier from its first block, as stored, and reports every defect with its
/// height and reason instead of a bare false. It uses the same rules as live ingest
/// (<see cref="MeterBlockValidator"/>, <see cref="AnchorBlockValidator"/>,
/// <see cref="ApplianceReportValidator"/>) and keeps going after a
/// defect, so one altered block shows as a bad signature at its height and a broken link at the
/// next, and nothing after is hidden. A block stored again (duplicate, replay) does not move the
/// head, and after a gap the check carries on from the authentic block that follows it, so a lost,
/// swapped or repeated block is reported where it is rather than at every height after it.
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
    public ChainReport Verify(DeviceId meter, IEnumerable<LedgerEntry> entries) => Verify(ChainId.Meter(meter), entries);

    /// <summary>Verifies stored entries (height and bytes) of <paramref name="chain"/>, in height order.</summary>
    public ChainReport Verify(ChainId chain, IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var state = new State(chain, null);
        foreach (var entry in entries)
        {
            Step(state, entry);
        }

        return state.ToReport();
    }

    /// <summary>Verifies the stored entries of <paramref name="meter"/>'s chain as they stream from a store.</summary>
    public Task<ChainReport> VerifyAsync(DeviceId meter, IAsyncEnumerable<LedgerEntry> entries, CancellationToken cancellationToken = default) =>
        VerifyAsync(ChainId.Meter(meter), entries, null, cancellationToken);

    /// <summary>
    /// Verifies the stored entries of <paramref name="chain"/> as they stream from a store, telling
    /// <paramref name="observer"/> about every entry after checking it: the decoded block (null when
    /// it does not decode), and whether its content is authentic (no defect, or only one of place:
    /// a duplicate, replay, gap, broken link or out-of-order time of a block that is itself genuine).
    /// </summary>
    public async Task<ChainReport> VerifyAsync(ChainId chain, IAsyncEnumerable<LedgerEntry> entries, Action<LedgerEntry, ISignedBlock?, bool>? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var state = new State(chain, observer);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            Step(state, entry);
        }

        return state.ToReport();
    }

    /// <summary>Verifies a meter chain given as decoded blocks, heights from 0.</summary>
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
        ISignedBlock block;
        try
        {
            block = Decode(state.Chain.Kind, entry.Bytes.Span);
        }
        catch (LedgerFormatException ex)
        {
            state.Defects.Add(new ChainDefect(entry.Height, DefectKind.Malformed, ex.Message));
            state.Observer?.Invoke(entry, null, false);

            // Link the next block against the bytes as stored: if they were altered, it breaks.
            var storedHash = Hash256.Compute(entry.Bytes.Span);
            state.Head = new ChainHead(state.Head.Height + 1, storedHash, state.Head.LastTimestamp, state.Head.LastReadingEnd);
            state.LastHash = storedHash;
            return;
        }

        var defect = block switch
        {
            MeterBlock meterBlock => CountAndCheck(state, meterBlock),
            AnchorBlock anchorBlock => AnchorBlockValidator.Check(anchorBlock, state.Chain.Kind, state.Chain.Node, state.Head, _registry, now: null, _maxClockSkew),
            ApplianceReport report => ApplianceReportValidator.Check(report, state.Chain.Node, state.Head, _registry, now: null, _maxClockSkew),
            _ => throw new InvalidOperationException($"no rules for {block.GetType().Name}"),
        };
        if (defect is not null)
        {
            state.Defects.Add(defect with { Height = entry.Height });
        }

        // An authentic block whose appliances claim more than its meter recorded is a finding of
        // its own: the block stays on the chain (as at ingest), the excess is reported.
        if (block is MeterBlock carrier && IsPositional(defect) && defect?.Kind is not (DefectKind.Duplicate or DefectKind.Replay) && MeterBlockValidator.CheckBalance(carrier, state.Head) is { } excess)
        {
            state.Defects.Add(new ChainDefect(entry.Height, DefectKind.ApplianceExceedsMeter, $"meter {state.Chain.Node} block {entry.Height}: {excess.Describe()}"));
        }

        state.Observer?.Invoke(entry, block, IsPositional(defect));

        state.Head = defect?.Kind switch
        {
            // Already in the chain: it does not extend it.
            DefectKind.Duplicate or DefectKind.Replay => state.Head,

            // Blocks are missing before an authentic block: carry on from its own sequence.
            DefectKind.SequenceGap when block.Sequence < long.MaxValue && ChainRules.IsAuthentic(block, state.Chain.Kind, _registry) =>
                (state.Head with { Height = (long)block.Sequence }).Advance(block),

            // Anything else takes the next place, so an altered block also breaks the next link.
            _ => state.Head.Advance(block),
        };
        state.LastHash = block.Hash;
    }

    private static bool IsPositional(ChainDefect? defect) => defect?.Kind switch
    {
        null => true,
        DefectKind.Duplicate or DefectKind.Replay or DefectKind.SequenceGap or DefectKind.BrokenLink
            or DefectKind.TimestampOutOfOrder or DefectKind.TimestampInFuture => true,
        _ => false,
    };

    private ChainDefect? CountAndCheck(State state, MeterBlock block)
    {
        state.Readings += block.Profile.Readings.Length;
        return MeterBlockValidator.Check(block, state.Chain.Node, state.Head, _registry, now: null, _maxClockSkew);
    }

    /// <summary>Decodes a stored block of a chain of <paramref name="kind"/>.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not a block of that tier.</exception>
    public static ISignedBlock Decode(DeviceRole kind, ReadOnlySpan<byte> bytes) => kind switch
    {
        DeviceRole.Meter => MeterBlock.Decode(bytes),
        DeviceRole.Appliance => ApplianceReport.Decode(bytes),
        _ when Tier.IsAnchoring(kind) => AnchorBlock.Decode(bytes),
        _ => throw new LedgerFormatException($"{Tier.NameOf(kind)} chains hold no blocks"),
    };

    private sealed class State(ChainId chain, Action<LedgerEntry, ISignedBlock?, bool>? observer)
    {
        public readonly ChainId Chain = chain;
        public readonly Action<LedgerEntry, ISignedBlock?, bool>? Observer = observer;
        public ChainHead Head = ChainHead.Genesis;
        public long NextHeight;
        public long Blocks;
        public long Readings;
        public Hash256 LastHash = Hash256.Zero;
        public readonly List<ChainDefect> Defects = [];

        public ChainReport ToReport() => new(Chain.Node, Blocks, Readings, LastHash, [.. Defects]);
    }
}
