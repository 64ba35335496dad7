using System.Globalization;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// The SGCC layout (State Grid Corporation of China data set): <c>CONS_NO,FLAG,</c> then one column
/// per day (headers are dates such as <c>2014/1/1</c>, in any order: they are sorted by date), one
/// row per customer, FLAG 1 for a thief. Empty cells and <c>nan</c> are missing days; any other text
/// is an error. Scoring is per customer; each customer's days are cut into weeks of 7 readings
/// (a trailing partial week is left out) with missing days filled by the customer's median day.
/// </summary>
public static class SgccCsvSource
{
    private static readonly string[] DateFormats = ["yyyy/M/d", "yyyy-M-d", "yyyy-MM-dd", "M/d/yyyy", "d.M.yyyy", "yyyyMMdd"];

    /// <summary>Whether <paramref name="header"/> is this layout's.</summary>
    public static bool Recognises(string[] header) => header.Length >= 2 && header[0] == "CONS_NO";

    /// <summary>Reads the file.</summary>
    /// <exception cref="EvalTheftInputException">Wrong columns or unreadable values.</exception>
    public static TheftDataSet Load(string path)
    {
        var name = Path.GetFileName(path);
        int[]? order = null;
        DateOnly[]? dates = null;
        var households = new List<LabelledHousehold>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, number) in CsvText.Lines(path))
        {
            var fields = CsvText.Split(line);
            if (order is null)
            {
                (order, dates) = ReadHeader(fields, name);
                continue;
            }

            if (fields.Length != order.Length + 2)
            {
                throw new EvalTheftInputException(name, number, 0, string.Create(CultureInfo.InvariantCulture, $"expected {order.Length + 2} columns, found {fields.Length}"));
            }

            if (fields[0].Length == 0 || !ids.Add(fields[0]))
            {
                throw new EvalTheftInputException(name, number, 1, $"CONS_NO '{fields[0]}' is empty or repeated");
            }

            var flag = fields[1] switch
            {
                "1" => true,
                "0" => false,
                _ => throw new EvalTheftInputException(name, number, 2, $"FLAG '{fields[1]}' is not 0 or 1"),
            };
            var daily = new double[order.Length];
            for (var k = 0; k < order.Length; k++)
            {
                var column = order[k] + 2;
                var text = fields[column];
                if (text.Length == 0 || text.Equals("nan", StringComparison.OrdinalIgnoreCase))
                {
                    daily[k] = double.NaN;
                }
                else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out daily[k]) || !double.IsFinite(daily[k]))
                {
                    throw new EvalTheftInputException(name, number, column + 1, $"'{text}' is not a number");
                }
            }

            households.Add(Customer(fields[0], flag, daily, dates!));
        }

        if (order is null)
        {
            throw new EvalTheftInputException(name, 0, 0, "the file is empty");
        }

        if (households.Count < 2 || households.All(h => h.Labels[0]) || households.All(h => !h.Labels[0]))
        {
            throw new EvalTheftInputException(name, 0, 0, "need at least one customer with FLAG 1 and one with FLAG 0");
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"{name}: {households.Count} customers ({households.Count(h => h.Labels[0])} flagged), {order.Length} days, scored per customer");
        return new TheftDataSet(description, TimeSpan.FromDays(1), households, PerCustomer: true);
    }

    private static (int[] Order, DateOnly[] Dates) ReadHeader(string[] fields, string name)
    {
        if (fields.Length < 2 || fields[0] != "CONS_NO" || fields[1] != "FLAG")
        {
            throw new EvalTheftInputException(name, 1, fields.Length < 1 || fields[0] != "CONS_NO" ? 1 : 2, "expected the columns CONS_NO, FLAG, then one column per day");
        }

        var dates = new DateOnly[fields.Length - 2];
        for (var i = 2; i < fields.Length; i++)
        {
            if (!DateOnly.TryParseExact(fields[i], DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out dates[i - 2]))
            {
                throw new EvalTheftInputException(name, 1, i + 1, $"column '{fields[i]}' is not a date");
            }
        }

        if (dates.Length < 21)
        {
            throw new EvalTheftInputException(name, 1, 0, "at least 21 day columns (3 weeks) are needed");
        }

        var order = Enumerable.Range(0, dates.Length).OrderBy(i => dates[i]).ToArray();
        return (order, [.. order.Select(i => dates[i])]);
    }

    private static LabelledHousehold Customer(string id, bool flag, double[] daily, DateOnly[] dates)
    {
        var present = daily.Where(double.IsFinite).Order().ToArray();
        var fill = present.Length == 0 ? 0 : present[present.Length / 2];
        var weeks = daily.Length / 7;
        var readings = new double[weeks][];
        for (var w = 0; w < weeks; w++)
        {
            readings[w] = [.. daily.Skip(7 * w).Take(7).Select(v => double.IsFinite(v) ? v : fill)];
        }

        var household = new LabelledHousehold(id, [.. Enumerable.Range(0, weeks).Select(w => dates[7 * w])], readings)
        {
            MissingFraction = 1 - ((double)present.Length / daily.Length),
        };
        for (var w = 0; w < weeks; w++)
        {
            household.Labels[w] = flag;
            household.Types[w] = flag ? "labelled" : null;
        }

        return household;
    }
}
