using System.Collections.Immutable;

namespace SmartGrid.Ledger.Metering;

/// <summary>
/// The values a meter captured for one interval, aligned with the channels of the
/// <see cref="LoadProfile"/> that holds it. Times are whole seconds, UTC.
/// </summary>
/// <param name="Start">Start of the interval.</param>
/// <param name="Duration">Length of the interval (15 minutes by default).</param>
/// <param name="Status">Status bits for the interval.</param>
/// <param name="Values">Raw values, one per channel of the profile (see <see cref="Channel.Scale"/>).</param>
public sealed record IntervalReading(DateTimeOffset Start, TimeSpan Duration, ReadingStatus Status, ImmutableArray<long> Values)
{
    /// <summary>End of the interval (exclusive).</summary>
    public DateTimeOffset End => Start + Duration;

    /// <inheritdoc />
    public bool Equals(IntervalReading? other) =>
        other is not null && Start == other.Start && Duration == other.Duration && Status == other.Status
        && Values.AsSpan().SequenceEqual(other.Values.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, Duration, Status, Values.Length);
}
