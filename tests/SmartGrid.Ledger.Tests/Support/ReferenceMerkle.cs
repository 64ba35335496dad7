using System.Security.Cryptography;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>
/// RFC 6962 §2.1 MTH written out as the RFC states it, recursively and straight on
/// <see cref="SHA256"/>, to check the library's bottom-up implementation against.
/// </summary>
internal static class ReferenceMerkle
{
    /// <summary>The test leaves of certificate-transparency's merkle_tree_test: "", 00, 10, 2021, 3031, 40414243, ...</summary>
    public static readonly byte[][] CtLeaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    /// <summary>Distinct leaf data for tree sizes beyond the CT vectors.</summary>
    public static byte[][] Leaves(int count) => [.. Enumerable.Range(0, count).Select(i => System.Text.Encoding.ASCII.GetBytes($"reading {i}"))];

    /// <summary>MTH(D[n]).</summary>
    public static Hash256 Root(ReadOnlySpan<byte[]> data)
    {
        if (data.Length == 0)
        {
            return new Hash256(SHA256.HashData(ReadOnlySpan<byte>.Empty));
        }

        if (data.Length == 1)
        {
            return new Hash256(SHA256.HashData([0x00, .. data[0]]));
        }

        var k = 1;
        while (k * 2 < data.Length)
        {
            k *= 2;
        }

        return new Hash256(SHA256.HashData([0x01, .. Root(data[..k]).Span, .. Root(data[k..]).Span]));
    }
}
