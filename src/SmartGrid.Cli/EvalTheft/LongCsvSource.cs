using System.Globalization;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// The long layout: <c>meter_id,timestamp,kwh[,label]</c>, one row per reading, timestamps in ISO 8601
/// (the local clock time as written decides the day). The interval is the most common step between a
/// meter's consecutive timestamps and must divide a day (15, 30, 60 minutes...). A day counts only when
/// all its intervals are present; <c>label</c> (0 or 1) marks a stolen household-day, and a day is
/// stolen when any of its rows says 1. Scoring is per household-day.
/// </summary>
public static class LongCsvSource
{
    /// <summary>Whether <paramref name="header"/> is this layout's.</summary>
    public static bool Recognises(string[] header) => header.Length >= 3 && header[0] == "meter_id";

    /// <summary>Reads the file.</summary>
    /// <exception cref="EvalTheftInputException">Wrong columns, unreadable values, or no complete day.</exception>
    public static TheftDataSet Load(string path)
    {
        var name = Path.GetFileName(path);
        var meters = new Dictionary<string, Dictionary<DateTime, (double Kwh, bool Label, int Line)>>(StringComparer.Ordinal);
        var hasLabel = false;
        var headerSeen = false;
        foreach (var (line, number) in CsvText.Lines(path))
        {
            var fields = CsvText.Split(line);
            if (!headerSeen)
            {
                hasLabel = CheckHeader(fields, name);
                headerSeen = true;
                continue;
            }

            if (fields.Length != (hasLabel ? 4 : 3))
            {
                throw new EvalTheftInputException(name, number, 0, string.Create(CultureInfo.InvariantCulture, $"expected {(hasLabel ? 4 : 3)} columns, found {fields.Length}"));
            }

            if (fields[0].Length == 0)
            {
                throw new EvalTheftInputException(name, number, 1, "meter_id is empty");
            }

            if (!DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
            {
                throw new EvalTheftInputException(name, number, 2, $"'{fields[1]}' is not an ISO 8601 timestamp");
            }

            if (!double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var kwh) || !double.IsFinite(kwh))
            {
                throw new EvalTheftInputException(name, number, 3, $"'{fields[2]}' is not a finite number (kwh)");
            }

            var label = false;
            if (hasLabel)
            {
                label = fields[3] switch
                {
                    "1" => true,
                    "0" => false,
                    _ => throw new EvalTheftInputException(name, number, 4, $"'{fields[3]}' is not a label (0 or 1)"),
                };
            }

            if (!meters.TryGetValue(fields[0], out var readings))
            {
                meters[fields[0]] = readings = [];
            }

            if (!readings.TryAdd(timestamp.DateTime, (kwh, label, number)))
            {
                throw new EvalTheftInputException(name, number, 2, $"meter {fields[0]} has a second reading at {fields[1]} (first on line {readings[timestamp.DateTime].Line})");
            }
        }

        if (!headerSeen)
        {
            throw new EvalTheftInputException(name, 0, 0, "the file is empty");
        }

        var interval = InferInterval(meters, name);
        var perDay = (int)(TimeSpan.TicksPerDay / interval.Ticks);
        var households = new List<LabelledHousehold>();
        var dropped = 0;
        foreach (var (meter, readings) in meters.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var days = readings.GroupBy(r => DateOnly.FromDateTime(r.Key)).OrderBy(g => g.Key).ToArray();
            var dates = new List<DateOnly>();
            var values = new List<double[]>();
            var labels = new List<bool>();
            foreach (var day in days)
            {
                var slots = new double[perDay];
                var filled = new bool[perDay];
                var stolen = false;
                foreach (var (time, reading) in day)
                {
                    var offset = time.TimeOfDay.Ticks;
                    if (offset % interval.Ticks != 0)
                    {
                        throw new EvalTheftInputException(name, reading.Line, 2, $"timestamp {time:O} is not on the {interval.TotalMinutes:0.##}-minute grid the file uses");
                    }

                    var slot = (int)(offset / interval.Ticks);
                    slots[slot] = reading.Kwh;
                    filled[slot] = true;
                    stolen |= reading.Label;
                }

                if (filled.All(f => f))
                {
                    dates.Add(day.Key);
                    values.Add(slots);
                    labels.Add(stolen);
                }
                else
                {
                    dropped++;
                }
            }

            if (dates.Count < 3)
            {
                continue;
            }

            var household = new LabelledHousehold(meter, [.. dates], [.. values]);
            for (var d = 0; d < labels.Count; d++)
            {
                household.Labels[d] = labels[d];
                household.Types[d] = labels[d] ? "labelled" : null;
            }

            households.Add(household);
        }

        if (households.Count < 2)
        {
            throw new EvalTheftInputException(name, 0, 0, "fewer than 2 meters with at least 3 complete days");
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"{name}: {households.Count} meters, {interval.TotalMinutes:0.##}-minute readings, {households.Sum(h => h.Dates.Length)} complete days ({dropped} incomplete days left out){(hasLabel ? ", labelled" : string.Empty)}");
        return new TheftDataSet(description, interval, households, PerCustomer: false);
    }

    private static bool CheckHeader(string[] fields, string name)
    {
        string[] expected = ["meter_id", "timestamp", "kwh", "label"];
        if (fields.Length is < 3 or > 4)
        {
            throw new EvalTheftInputException(name, 1, 0, $"expected columns meter_id,timestamp,kwh[,label], found {fields.Length} columns");
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (!string.Equals(fields[i], expected[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new EvalTheftInputException(name, 1, i + 1, $"expected column '{expected[i]}', found '{fields[i]}'");
            }
        }

        return fields.Length == 4;
    }

    private static TimeSpan InferInterval(Dictionary<string, Dictionary<DateTime, (double Kwh, bool Label, int Line)>> meters, string name)
    {
        var steps = new Dictionary<long, int>();
        foreach (var readings in meters.Values)
        {
            var times = readings.Keys.Order().ToArray();
            for (var i = 1; i < times.Length; i++)
            {
                var step = (times[i] - times[i - 1]).Ticks;
                steps[step] = steps.GetValueOrDefault(step) + 1;
            }
        }

        if (steps.Count == 0)
        {
            throw new EvalTheftInputException(name, 0, 0, "no meter has two readings: the interval cannot be inferred");
        }

        var ticks = steps.OrderByDescending(s => s.Value).ThenBy(s => s.Key).First().Key;
        if (ticks <= 0 || TimeSpan.TicksPerDay % ticks != 0 || TimeSpan.TicksPerDay / ticks < 2)
        {
            throw new EvalTheftInputException(name, 0, 0, $"readings step by {TimeSpan.FromTicks(ticks)}, which does not divide a day into at least 2 intervals");
        }

        return TimeSpan.FromTicks(ticks);
    }
}
