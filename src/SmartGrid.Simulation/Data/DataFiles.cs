using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace SmartGrid.Simulation.Data;

/// <summary>Opening data files: plain or gzip, read line by line while hashing the uncompressed bytes.</summary>
internal static class DataFiles
{
    /// <summary>Opens <paramref name="path"/>, decompressing when it ends in <c>.gz</c>.</summary>
    public static Stream OpenUncompressed(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false)
            : file;
    }

    /// <summary>
    /// Reads every line of <paramref name="content"/> (UTF-8) and hands it to <paramref name="onLine"/>
    /// with its 1-based number; returns the SHA-256 of all bytes read.
    /// </summary>
    public static string ReadLines(Stream content, Action<string, int> onLine)
    {
        using var sha = SHA256.Create();
        using (var hashing = new CryptoStream(content, sha, CryptoStreamMode.Read, leaveOpen: true))
        using (var reader = new StreamReader(hashing, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16))
        {
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                onLine(line, ++number);
            }
        }

        return Convert.ToHexStringLower(sha.Hash!);
    }
}
