namespace SmartGrid.Cli.EvalTheft;

/// <summary>Line reading and comma splitting for the plain CSV layouts eval-theft reads (no quoted commas).</summary>
internal static class CsvText
{
    /// <summary>Every line of the file (plain or .gz) with its 1-based number; blank lines skipped.</summary>
    public static IEnumerable<(string Line, int Number)> Lines(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress)
            : (Stream)file;
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 0)
            {
                yield return (line, number);
            }
        }
    }

    /// <summary>The fields of a line, trimmed, surrounding double quotes removed.</summary>
    public static string[] Split(string line) => [.. line.Split(',').Select(f => f.Trim().Trim('"').Trim())];
}
