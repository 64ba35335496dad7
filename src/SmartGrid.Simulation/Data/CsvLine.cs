namespace SmartGrid.Simulation.Data;

/// <summary>
/// Splits one comma-separated line into field ranges without allocating per field. A field in
/// double quotes is returned without its quotes (the files read here never escape quotes
/// inside a field, so a doubled quote is not unescaped).
/// </summary>
internal static class CsvLine
{
    /// <summary>Fills <paramref name="fields"/> with the ranges of the fields of <paramref name="line"/>.</summary>
    /// <returns>False when a quoted field is not closed on this line.</returns>
    public static bool Split(string line, List<Range> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return false;
                }

                fields.Add(new Range(i + 1, close));
                i = close + 1;
                if (i == line.Length)
                {
                    return true;
                }

                if (line[i] != ',')
                {
                    return false;
                }

                i++;
                continue;
            }

            var comma = line.IndexOf(',', i);
            if (comma < 0)
            {
                fields.Add(new Range(i, line.Length));
                return true;
            }

            fields.Add(new Range(i, comma));
            i = comma + 1;
        }
    }
}
