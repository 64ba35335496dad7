using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Metering;

/// <summary>
/// A load profile's invariants hold both ways in: the constructor refuses a bad profile with an
/// <see cref="ArgumentException"/>, and the decoder refuses bytes that would make one with a
/// <see cref="LedgerFormatException"/>. The bad bytes are written by hand, field by field, as
/// the format is documented (what the format cannot express is shown to be inexpressible).
/// </summary>
public class LoadProfileTests
{
    private const long T0 = 1735689600; // 2025-01-01T00:00:00Z

    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(T0);

    private static readonly ImmutableArray<Channel> TwoChannels = [Channel.ActiveEnergyImportWh, Channel.VoltageL1];

    [Fact]
    public void Hand_written_bytes_of_a_valid_profile_are_what_the_library_writes()
    {
        var profile = new LoadProfile(TwoChannels,
        [
            new IntervalReading(Start, Profiles.Interval, ReadingStatus.None, [1000, 2300]),
            new IntervalReading(Start.AddMinutes(30), Profiles.Interval, ReadingStatus.PowerDown, [1100, 2290]),
        ]);
        var writer = new CanonicalWriter();
        profile.WriteTo(writer);

        var hand = Body(TwoChannels, count: 2, T0, w =>
        {
            Reading(w, 900, 0, 1000, 2300);
            w.WriteVarUInt64(900); // a gap of 15 minutes
            Reading(w, 900, (byte)ReadingStatus.PowerDown, 100, -10);
        });

        hand.Should().Equal(writer.ToArray());
        Decode(hand).Should().Be(profile);
    }

    [Fact]
    public void Readings_decode_as_utc_whole_seconds()
    {
        var profile = Decode(Body(TwoChannels, count: 1, T0, w => Reading(w, 900, 0, 1, 2)));

        profile.Start.Should().Be(Start);
        profile.Start.Offset.Should().Be(TimeSpan.Zero);
        profile.End.Should().Be(Start.AddMinutes(15));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-900)]
    public void Overlapping_readings_are_refused_by_the_constructor(int secondsBeforeEnd)
    {
        Construct(Reading(Start, 1), Reading(Start + Profiles.Interval + TimeSpan.FromSeconds(secondsBeforeEnd), 2))
            .WithMessage("reading 1 starts at 2025-01-01T00:*, before the previous reading ends at 2025-01-01T00:15:00.0000000+00:00");
    }

    [Fact]
    public void Unsorted_readings_are_refused_by_the_constructor()
    {
        Construct(Reading(Start.AddHours(1), 1), Reading(Start, 2))
            .WithMessage("reading 1 starts at 2025-01-01T00:00:00.0000000+00:00, before the previous reading ends*");
    }

    [Theory]
    [InlineData(1UL)]                 // gap -1 s in two's complement
    [InlineData(900UL)]               // gap -900 s: the same interval again
    [InlineData(7200UL)]              // gap -2 h: earlier than the previous reading
    public void Overlapping_or_unsorted_readings_cannot_be_encoded_and_a_negative_gap_is_refused(ulong secondsBack)
    {
        var bytes = Body(TwoChannels, count: 2, T0, w =>
        {
            Reading(w, 900, 0, 1, 2);
            w.WriteVarUInt64(0UL - secondsBack);
            Reading(w, 900, 0, 0, 0);
        });

        DecodeFails(bytes).WithMessage("value * exceeds the signed 64-bit range*");
    }

    [Fact]
    public void A_gap_beyond_the_calendar_is_refused_by_the_decoder()
    {
        var bytes = Body(TwoChannels, count: 2, T0, w =>
        {
            Reading(w, 900, 0, 1, 2);
            w.WriteVarUInt64(long.MaxValue);
            Reading(w, 900, 0, 0, 0);
        });

        DecodeFails(bytes).WithMessage("reading 1 starts * after the previous one, beyond the calendar*");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Readings_with_the_wrong_number_of_values_are_refused_by_the_constructor(int values)
    {
        FluentActions.Invoking(() => new LoadProfile(TwoChannels, [new IntervalReading(Start, Profiles.Interval, ReadingStatus.None, [.. Enumerable.Repeat(7L, values)])]))
            .Should().ThrowExactly<ArgumentException>().WithMessage($"reading 0 has {values} values for 2 channels");
    }

    [Fact]
    public void A_reading_record_with_one_value_too_few_is_truncated()
    {
        var record = Record(TwoChannels, T0, w => Reading(w, 900, 0, 1000));

        FluentActions.Invoking(() => LoadProfile.DecodeReading(record)).Should().ThrowExactly<LedgerFormatException>().WithMessage("truncated*");
    }

    [Fact]
    public void A_reading_record_with_one_value_too_many_has_a_trailing_byte()
    {
        var record = Record(TwoChannels, T0, w => Reading(w, 900, 0, 1000, 2300, 5));

        FluentActions.Invoking(() => LoadProfile.DecodeReading(record))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("1 trailing bytes after interval reading*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-900)]
    [InlineData(86401)]
    public void Durations_outside_one_second_to_one_day_are_refused_by_the_constructor(int seconds)
    {
        Construct(new IntervalReading(Start, TimeSpan.FromSeconds(seconds), ReadingStatus.None, [1, 2]))
            .WithMessage("reading 0 lasts *: durations must be whole seconds in (0, 1 day]");
    }

    [Fact]
    public void A_fractional_second_duration_is_refused_by_the_constructor()
    {
        Construct(new IntervalReading(Start, TimeSpan.FromMilliseconds(900_500), ReadingStatus.None, [1, 2]))
            .WithMessage("reading 0 lasts 00:15:00.5000000: durations must be whole seconds in (0, 1 day]");
    }

    [Theory]
    [InlineData(0UL, "reading 0 lasts 0 s, outside 1..86400*")]
    [InlineData(86401UL, "reading 0 lasts 86401 s, outside 1..86400*")]
    [InlineData(ulong.MaxValue, "value 18446744073709551615 exceeds the signed 64-bit range*")]
    public void Durations_outside_one_second_to_one_day_are_refused_by_the_decoder(ulong seconds, string message)
    {
        DecodeFails(Body(TwoChannels, count: 1, T0, w => Reading(w, seconds, 0, 1, 2))).WithMessage(message);
    }

    [Fact]
    public void A_start_that_is_not_utc_is_refused_by_the_constructor()
    {
        Construct(Reading(new DateTimeOffset(2025, 1, 1, 1, 0, 0, TimeSpan.FromHours(1)), 1))
            .WithMessage("reading 0 starts at 2025-01-01T01:00:00.0000000+01:00: starts must be whole seconds, UTC, after 1970");
    }

    [Fact]
    public void A_fractional_second_start_is_refused_by_the_constructor()
    {
        Construct(Reading(Start.AddMilliseconds(1), 1))
            .WithMessage("reading 0 starts at 2025-01-01T00:00:00.0010000+00:00: starts must be whole seconds, UTC, after 1970");
    }

    [Fact]
    public void A_start_before_1970_is_refused_by_both()
    {
        Construct(Reading(DateTimeOffset.UnixEpoch.AddSeconds(-1), 1)).WithMessage("*after 1970");
        DecodeFails(Body(TwoChannels, count: 1, -1, w => Reading(w, 900, 0, 1, 2))).WithMessage("*after 1970*");
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(253402300800)] // 10000-01-01T00:00:00Z
    public void A_start_outside_the_calendar_is_refused_by_the_decoder(long start)
    {
        DecodeFails(Body(TwoChannels, count: 1, start, w => Reading(w, 900, 0, 1, 2)));
    }

    [Fact]
    public void A_reading_ending_after_year_9999_is_refused_by_both()
    {
        var lastQuarter = new DateTimeOffset(9999, 12, 31, 23, 50, 0, TimeSpan.Zero);

        Construct(Reading(lastQuarter, 1)).WithMessage("reading 0 ends after 9999-12-31*");
        DecodeFails(Body(TwoChannels, count: 1, lastQuarter.ToUnixTimeSeconds(), w => Reading(w, 900, 0, 1, 2)))
            .WithMessage("reading 0 ends after 9999-12-31*");
    }

    [Fact]
    public void A_duplicate_channel_is_refused_by_both()
    {
        ImmutableArray<Channel> twice = [Channel.VoltageL1, Channel.ActiveEnergyImportWh, Channel.VoltageL1 with { Scaler = -2 }];

        FluentActions.Invoking(() => new LoadProfile(twice, [new IntervalReading(Start, Profiles.Interval, ReadingStatus.None, [1, 2, 3])]))
            .Should().ThrowExactly<ArgumentException>().WithMessage("channel 32.7.0 appears twice");
        DecodeFails(Body(twice, count: 1, T0, w => Reading(w, 900, 0, 1, 2, 3))).WithMessage("channel 32.7.0 appears twice*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Channel_counts_outside_1_to_32_are_refused_by_both(int count)
    {
        var channels = Enumerable.Range(1, count).Select(c => new Channel(ObisCode.Electricity((byte)c, 7, 0), DlmsUnit.Volt, 0)).ToImmutableArray();

        FluentActions.Invoking(() => new LoadProfile(channels, [new IntervalReading(Start, Profiles.Interval, ReadingStatus.None, [.. new long[count]])]))
            .Should().ThrowExactly<ArgumentException>().WithMessage($"a load profile needs 1..32 channels, not {count}");
        DecodeFails(Body(channels, count: 1, T0, w => Reading(w, 900, 0, new long[count])))
            .WithMessage($"a load profile needs 1..32 channels, not {count}*");
    }

    [Fact]
    public void A_profile_without_readings_is_refused_by_both()
    {
        FluentActions.Invoking(() => new LoadProfile(TwoChannels, []))
            .Should().ThrowExactly<ArgumentException>().WithMessage("a load profile needs 1..2976 readings, not 0");
        DecodeFails(Body(TwoChannels, count: 0, T0, _ => { })).WithMessage("reading count is 0, outside 1..2976*");
    }

    [Theory]
    [InlineData(0x10, 1, "expected a IntervalReading record (type 0x14) but found type 0x10*")]
    [InlineData(0x14, 2, "IntervalReading format version 2 is not supported (1..1)*")]
    public void A_reading_record_of_another_type_or_version_is_refused(byte type, byte version, string message)
    {
        var record = Record(TwoChannels, T0, w => Reading(w, 900, 0, 1, 2));
        record[0] = type;
        record[1] = version;

        FluentActions.Invoking(() => LoadProfile.DecodeReading(record)).Should().ThrowExactly<LedgerFormatException>().WithMessage(message);
    }

    [Fact]
    public void A_reading_record_must_hold_exactly_one_reading()
    {
        var two = Record(TwoChannels, T0, w =>
        {
            Reading(w, 900, 0, 1, 2);
            w.WriteVarUInt64(0);
            Reading(w, 900, 0, 0, 0);
        }, count: 2);

        FluentActions.Invoking(() => LoadProfile.DecodeReading(two))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("an interval reading record holds one reading, not 2");
    }

    [Fact]
    public void Values_change_by_deltas_that_may_wrap_and_still_round_trip()
    {
        var profile = new LoadProfile(TwoChannels,
        [
            new IntervalReading(Start, Profiles.Interval, ReadingStatus.None, [long.MaxValue, long.MinValue]),
            new IntervalReading(Start.AddMinutes(15), Profiles.Interval, ReadingStatus.None, [long.MinValue, long.MaxValue]),
        ]);
        var writer = new CanonicalWriter();
        profile.WriteTo(writer);

        Decode(writer.ToArray()).Should().Be(profile);
    }

    [Fact]
    public void Every_reading_encodes_as_its_own_record_and_decodes_back()
    {
        var profile = Profiles.Consecutive(Start, 4);

        for (var i = 0; i < 4; i++)
        {
            LoadProfile.DecodeReading(profile.EncodeReading(i)).Should().Be(profile.Slice(i));
        }
    }

    [Fact]
    public void Values_are_looked_up_by_obis_code_and_scaled()
    {
        var profile = PinnedRecords.Profile;

        profile.IndexOf(Obis.CurrentL1).Should().Be(3);
        profile.IndexOf(Obis.VoltageL3).Should().Be(-1);
        profile.Value(2, Obis.CurrentL1).Should().BeApproximately(10.12, 1e-9);
        profile.Value(0, Obis.ActiveEnergyExport).Should().Be(0);
        profile.Value(0, Obis.VoltageL3).Should().BeNull();
    }

    private static IntervalReading Reading(DateTimeOffset start, long value) =>
        new(start, Profiles.Interval, ReadingStatus.None, [value, 2300]);

    private static FluentAssertions.Specialized.ExceptionAssertions<ArgumentException> Construct(params IntervalReading[] readings) =>
        FluentActions.Invoking(() => new LoadProfile(TwoChannels, [.. readings])).Should().ThrowExactly<ArgumentException>();

    private static FluentAssertions.Specialized.ExceptionAssertions<LedgerFormatException> DecodeFails(byte[] bytes) =>
        FluentActions.Invoking(() => Decode(bytes)).Should().ThrowExactly<LedgerFormatException>();

    private static LoadProfile Decode(byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        var profile = LoadProfile.ReadFrom(ref reader);
        reader.EnsureEnd("load profile");
        return profile;
    }

    // The documented profile body: channel count u8, per channel OBIS (6) unit u8 scaler i8,
    // reading count (LEB128), first start (unix s, i64 LE), then the readings.
    private static byte[] Body(ImmutableArray<Channel> channels, int count, long firstStart, Action<CanonicalWriter> readings)
    {
        var writer = new CanonicalWriter();
        WriteBody(writer, channels, count, firstStart, readings);
        return writer.ToArray();
    }

    // The interval reading record: header 0x14 01, then a profile body.
    private static byte[] Record(ImmutableArray<Channel> channels, long start, Action<CanonicalWriter> readings, int count = 1)
    {
        var writer = new CanonicalWriter();
        writer.WriteHeader(RecordType.IntervalReading, 1);
        WriteBody(writer, channels, count, start, readings);
        return writer.ToArray();
    }

    private static void WriteBody(CanonicalWriter writer, ImmutableArray<Channel> channels, int count, long firstStart, Action<CanonicalWriter> readings)
    {
        writer.WriteByte((byte)channels.Length);
        Span<byte> obis = stackalloc byte[ObisCode.Size];
        foreach (var channel in channels)
        {
            channel.Code.CopyTo(obis);
            writer.WriteBytes(obis);
            writer.WriteByte((byte)channel.Unit);
            writer.WriteSByte(channel.Scaler);
        }

        writer.WriteVarUInt64((ulong)count);
        writer.WriteInt64(firstStart);
        readings(writer);
    }

    // One reading after its gap: duration (LEB128 s), status u8, values as zig-zag LEB128 (absolute first, then deltas).
    private static void Reading(CanonicalWriter writer, ulong durationSeconds, byte status, params long[] values)
    {
        writer.WriteVarUInt64(durationSeconds);
        writer.WriteByte(status);
        foreach (var value in values)
        {
            writer.WriteVarInt64(value);
        }
    }
}
