using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace SmartGrid.Ledger.Hashing;

/// <summary>A SHA-256 digest: a 32-byte value compared by content.</summary>
public readonly struct Hash256 : IEquatable<Hash256>
{
    /// <summary>Size of a digest in bytes.</summary>
    public const int Size = 32;

    private readonly Bytes32 _bytes;

    /// <summary>Creates a hash from exactly 32 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public Hash256(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a SHA-256 hash is {Size} bytes, not {bytes.Length}", nameof(bytes));
        }

        bytes.CopyTo(_bytes);
    }

    /// <summary>The all-zero hash, used as the previous hash of a chain's first block.</summary>
    public static Hash256 Zero => default;

    /// <summary>The digest bytes.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Whether this is the all-zero hash.</summary>
    public bool IsZero => Span.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>SHA-256 of the given bytes.</summary>
    public static Hash256 Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(data, digest);
        return new Hash256(digest);
    }

    /// <summary>SHA-256 of a one-byte prefix followed by the given bytes (domain separation).</summary>
    public static Hash256 Compute(byte prefix, ReadOnlySpan<byte> data)
    {
        const int StackLimit = 512;
        Span<byte> digest = stackalloc byte[Size];
        if (data.Length < StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            buffer[0] = prefix;
            data.CopyTo(buffer[1..]);
            SHA256.HashData(buffer[..(data.Length + 1)], digest);
            return new Hash256(digest);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([prefix]);
        hash.AppendData(data);
        hash.GetHashAndReset(digest);
        return new Hash256(digest);
    }

    /// <summary>Parses 64 hexadecimal characters.</summary>
    /// <exception cref="FormatException">The text is not 64 hexadecimal characters.</exception>
    public static Hash256 Parse(string hex)
    {
        if (!TryParse(hex, out var hash))
        {
            throw new FormatException($"'{hex}' is not a SHA-256 hash of 64 hexadecimal characters");
        }

        return hash;
    }

    /// <summary>Tries to parse 64 hexadecimal characters.</summary>
    public static bool TryParse(string? hex, out Hash256 hash)
    {
        hash = default;
        if (hex is null || hex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        hash = new Hash256(bytes);
        return true;
    }

    /// <summary>Copies the digest into a destination of at least 32 bytes.</summary>
    public void CopyTo(Span<byte> destination) => Span.CopyTo(destination);

    /// <summary>The digest as a new array.</summary>
    public byte[] ToArray() => Span.ToArray();

    /// <inheritdoc />
    public bool Equals(Hash256 other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(Span);

    /// <summary>Lower-case hexadecimal.</summary>
    public override string ToString() => Convert.ToHexStringLower(Span);

    /// <summary>The first <paramref name="characters"/> hexadecimal characters, for logs and tables.</summary>
    public string ToShortString(int characters = 12) => ToString()[..Math.Clamp(characters, 1, Size * 2)];

    /// <summary>Equality by content.</summary>
    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);

    /// <summary>Inequality by content.</summary>
    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);

    [InlineArray(Size)]
    private struct Bytes32
    {
        private byte _element0;
    }
}
