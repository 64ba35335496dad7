using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;

namespace SmartGrid.Ledger.Metering;

/// <summary>
/// A batch of interval readings over a fixed set of channels, like a DLMS "profile generic"
/// buffer: the payload of one meter upload. Readings are in time order and never overlap.
/// </summary>
/// <remarks>
/// Encoding: the channels, then each reading as its start (absolute for the first, then the gap
/// after the previous reading's end), duration, status and values (absolute for the first
/// reading, then the change from the previous reading on the same channel, zig-zag LEB128).
/// Registers grow slowly, so a day of 15-minute readings takes a few hundred bytes.
/// </remarks>
public sealed class LoadProfile : IEquatable<LoadProfile>
{
    /// <summary>Most channels a profile may have.</summary>
    public const int MaxChannels = 32;

    /// <summary>Most readings one profile (one upload) may carry: 31 days of 15-minute intervals.</summary>
    public const int MaxReadings = 31 * 96;

    /// <summary>Longest interval accepted.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <summary>Creates a profile, checking every invariant.</summary>
    /// <exception cref="ArgumentException">Channels or readings break an invariant; the message says which.</exception>
    public LoadProfile(ImmutableArray<Channel> channels, ImmutableArray<IntervalReading> readings)
    {
        var error = Validate(channels, readings);
        if (error is not null)
        {
            throw new ArgumentException(error);
        }

        Channels = channels;
        Readings = readings;
    }

    private LoadProfile(ImmutableArray<Channel> channels, ImmutableArray<IntervalReading> readings, bool _)
    {
        Channels = channels;
        Readings = readings;
    }

    /// <summary>The recorded quantities.</summary>
    public ImmutableArray<Channel> Channels { get; }

    /// <summary>The readings, in time order.</summary>
    public ImmutableArray<IntervalReading> Readings { get; }

    /// <summary>Start of the first reading.</summary>
    public DateTimeOffset Start => Readings[0].Start;

    /// <summary>End of the last reading.</summary>
    public DateTimeOffset End => Readings[^1].End;

    /// <summary>Index of the channel with the given OBIS code, or -1.</summary>
    public int IndexOf(ObisCode code)
    {
        for (var i = 0; i < Channels.Length; i++)
        {
            if (Channels[i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The physical value of a channel in one reading, or null when the profile has no such channel.</summary>
    public double? Value(int readingIndex, ObisCode code)
    {
        var channel = IndexOf(code);
        return channel < 0 ? null : Channels[channel].Scale(Readings[readingIndex].Values[channel]);
    }

    /// <summary>A profile of one reading of this one, with the same channels.</summary>
    public LoadProfile Slice(int readingIndex) => new(Channels, [Readings[readingIndex]], true);

    /// <summary>Checks the invariants; returns null when they hold, else what is wrong.</summary>
    public static string? Validate(ImmutableArray<Channel> channels, ImmutableArray<IntervalReading> readings)
    {
        if (channels.IsDefaultOrEmpty || channels.Length > MaxChannels)
        {
            return $"a load profile needs 1..{MaxChannels} channels, not {(channels.IsDefault ? 0 : channels.Length)}";
        }

        for (var i = 0; i < channels.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (channels[i].Code == channels[j].Code)
                {
                    return $"channel {channels[i].Code.ToShortString()} appears twice";
                }
            }
        }

        if (readings.IsDefaultOrEmpty || readings.Length > MaxReadings)
        {
            return $"a load profile needs 1..{MaxReadings} readings, not {(readings.IsDefault ? 0 : readings.Length)}";
        }

        DateTimeOffset? previousEnd = null;
        for (var i = 0; i < readings.Length; i++)
        {
            var r = readings[i];
            if (r is null)
            {
                return $"reading {i} is missing";
            }

            if (r.Values.IsDefault || r.Values.Length != channels.Length)
            {
                return $"reading {i} has {(r.Values.IsDefault ? 0 : r.Values.Length)} values for {channels.Length} channels";
            }

            if (r.Start.Offset != TimeSpan.Zero || r.Start.Ticks % TimeSpan.TicksPerSecond != 0 || r.Start.ToUnixTimeSeconds() < 0)
            {
                return $"reading {i} starts at {r.Start:O}: starts must be whole seconds, UTC, after 1970";
            }

            if (r.Duration <= TimeSpan.Zero || r.Duration > MaxInterval || r.Duration.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                return $"reading {i} lasts {r.Duration}: durations must be whole seconds in (0, 1 day]";
            }

            if (r.Start > DateTimeOffset.MaxValue - r.Duration)
            {
                return $"reading {i} ends after 9999-12-31: it starts at {r.Start:O} and lasts {r.Duration}";
            }

            if (previousEnd is { } end && r.Start < end)
            {
                return $"reading {i} starts at {r.Start:O}, before the previous reading ends at {end:O}";
            }

            previousEnd = r.End;
        }

        return null;
    }

    /// <summary>Writes the canonical encoding (no record header: profiles are always embedded).</summary>
    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte((byte)Channels.Length);
        Span<byte> obis = stackalloc byte[ObisCode.Size];
        foreach (var channel in Channels)
        {
            channel.Code.CopyTo(obis);
            writer.WriteBytes(obis);
            writer.WriteByte((byte)channel.Unit);
            writer.WriteSByte(channel.Scaler);
        }

        writer.WriteVarUInt64((ulong)Readings.Length);
        writer.WriteInt64(Readings[0].Start.ToUnixTimeSeconds());
        long previousEnd = 0;
        for (var i = 0; i < Readings.Length; i++)
        {
            var r = Readings[i];
            var start = r.Start.ToUnixTimeSeconds();
            if (i > 0)
            {
                writer.WriteVarUInt64((ulong)(start - previousEnd));
            }

            var seconds = (long)r.Duration.TotalSeconds;
            writer.WriteVarUInt64((ulong)seconds);
            writer.WriteByte((byte)r.Status);
            for (var c = 0; c < Channels.Length; c++)
            {
                var value = r.Values[c];
                writer.WriteVarInt64(i == 0 ? value : unchecked(value - Readings[i - 1].Values[c]));
            }

            previousEnd = start + seconds;
        }
    }

    /// <summary>Reads a profile written by <see cref="WriteTo"/>, checking every invariant.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not a canonical, valid profile.</exception>
    public static LoadProfile ReadFrom(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var channelCount = reader.ReadByte();
        if (channelCount is 0 or > MaxChannels)
        {
            throw new LedgerFormatException($"a load profile needs 1..{MaxChannels} channels, not {channelCount}", at);
        }

        var channels = ImmutableArray.CreateBuilder<Channel>(channelCount);
        for (var i = 0; i < channelCount; i++)
        {
            var code = ObisCode.Read(reader.ReadBytes(ObisCode.Size));
            var unit = (DlmsUnit)reader.ReadByte();
            var scaler = reader.ReadSByte();
            channels.Add(new Channel(code, unit, scaler));
        }

        var count = reader.ReadVarCount(1, MaxReadings, "reading count");
        var readings = ImmutableArray.CreateBuilder<IntervalReading>(count);
        var start = reader.ReadInt64();
        var values = new long[channelCount];
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                var gapAt = reader.Position;
                var gap = ToLong(reader.ReadVarUInt64(), gapAt);
                if (gap > long.MaxValue / 2 - start)
                {
                    throw new LedgerFormatException($"reading {i} starts {gap} s after the previous one, beyond the calendar", gapAt);
                }

                start += gap;
            }

            var durationAt = reader.Position;
            var seconds = ToLong(reader.ReadVarUInt64(), durationAt);
            if (seconds <= 0 || seconds > (long)MaxInterval.TotalSeconds)
            {
                throw new LedgerFormatException($"reading {i} lasts {seconds} s, outside 1..{(long)MaxInterval.TotalSeconds}", durationAt);
            }

            var status = (ReadingStatus)reader.ReadByte();
            for (var c = 0; c < channelCount; c++)
            {
                var delta = reader.ReadVarInt64();
                values[c] = i == 0 ? delta : unchecked(values[c] + delta);
            }

            DateTimeOffset startTime;
            try
            {
                startTime = DateTimeOffset.FromUnixTimeSeconds(start);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new LedgerFormatException($"reading {i} starts at unix second {start}, outside the calendar", ex);
            }

            readings.Add(new IntervalReading(startTime, TimeSpan.FromSeconds(seconds), status, [.. values]));
            start += seconds;
        }

        var channelArray = channels.MoveToImmutable();
        var readingArray = readings.MoveToImmutable();
        var error = Validate(channelArray, readingArray);
        if (error is not null)
        {
            throw new LedgerFormatException(error, at);
        }

        return new LoadProfile(channelArray, readingArray, true);
    }

    /// <summary>
    /// The canonical record of one reading on its own (type <see cref="RecordType.IntervalReading"/>):
    /// self-describing, with the channels, so it can be hashed as a leaf or quoted in a proof.
    /// </summary>
    public byte[] EncodeReading(int readingIndex)
    {
        var writer = new CanonicalWriter(64 + (Channels.Length * 10));
        writer.WriteHeader(RecordType.IntervalReading, 1);
        Slice(readingIndex).WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>Decodes a record written by <see cref="EncodeReading"/> as a profile of one reading.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical reading record.</exception>
    public static LoadProfile DecodeReading(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.ReadHeader(RecordType.IntervalReading, 1);
        var profile = ReadFrom(ref reader);
        reader.EnsureEnd("interval reading");
        if (profile.Readings.Length != 1)
        {
            throw new LedgerFormatException($"an interval reading record holds one reading, not {profile.Readings.Length}");
        }

        return profile;
    }

    /// <inheritdoc />
    public bool Equals(LoadProfile? other) =>
        other is not null && Channels.AsSpan().SequenceEqual(other.Channels.AsSpan()) && Readings.AsSpan().SequenceEqual(other.Readings.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LoadProfile);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Channels.Length, Readings.Length, Readings[0].Start);

    private static long ToLong(ulong value, int at) =>
        value <= long.MaxValue ? (long)value : throw new LedgerFormatException($"value {value} exceeds the signed 64-bit range", at);
}
