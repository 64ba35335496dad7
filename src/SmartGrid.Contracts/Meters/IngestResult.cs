using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Contracts.Meters;

/// <summary>
/// What a meter grain did with a block: appended it, or rejected it with a typed reason. A
/// rejection never changes the chain; <see cref="DefectKind.Duplicate"/> means the block is
/// already the head, which a device that re-sends after a lost acknowledgement treats as success.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.meters.ingest-result")]
public sealed record IngestResult
{
    /// <summary>Whether the block was appended.</summary>
    [Id(0)]
    public required bool Accepted { get; init; }

    /// <summary>Height of the appended block, or the chain's height when rejected.</summary>
    [Id(1)]
    public required long Height { get; init; }

    /// <summary>Hash of the chain's head after the call.</summary>
    [Id(2)]
    public required Hash256 Head { get; init; }

    /// <summary>Why the block was rejected; null when accepted.</summary>
    [Id(3)]
    public DefectKind? Reason { get; init; }

    /// <summary>A sentence naming the evidence for a rejection; empty when accepted.</summary>
    [Id(4)]
    public string Message { get; init; } = string.Empty;

    /// <summary>
    /// Set on an accepted block whose appliance reports add up to more than the meter recorded
    /// over the same span: accepted, and flagged. Null otherwise.
    /// </summary>
    [Id(5)]
    public ApplianceExcess? Excess { get; init; }

    /// <summary>Whether the accepted block carries the <see cref="Excess"/> flag.</summary>
    public bool IsFlagged => Excess is not null;

    /// <summary>Whether the block is on the chain now: appended by this call or already the head.</summary>
    public bool IsOnChain => Accepted || Reason == DefectKind.Duplicate;

    /// <summary>An acceptance at <paramref name="height"/>.</summary>
    public static IngestResult Appended(long height, Hash256 head) => new() { Accepted = true, Height = height, Head = head };

    /// <summary>A rejection for <paramref name="defect"/>, leaving the chain at <paramref name="height"/>.</summary>
    public static IngestResult Rejected(ChainDefect defect, long height, Hash256 head)
    {
        ArgumentNullException.ThrowIfNull(defect);
        return new() { Accepted = false, Height = height, Head = head, Reason = defect.Kind, Message = defect.Message };
    }

    /// <inheritdoc />
    public override string ToString() => Accepted
        ? Excess is null ? $"accepted at {Height}" : $"accepted at {Height}, flagged: {Excess}"
        : $"rejected {Reason}: {Message}";
}
