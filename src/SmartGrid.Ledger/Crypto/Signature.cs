using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SmartGrid.Ledger.Crypto;

/// <summary>An Ed25519 signature (RFC 8032): 64 bytes, compared by content.</summary>
public readonly struct Signature : IEquatable<Signature>
{
    /// <summary>Size of a signature in bytes.</summary>
    public const int Size = 64;

    private readonly Bytes64 _bytes;

    /// <summary>Creates a signature from exactly 64 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 64 bytes long.</exception>
    public Signature(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"an Ed25519 signature is {Size} bytes, not {bytes.Length}", nameof(bytes));
        }

        bytes.CopyTo(_bytes);
    }

    /// <summary>The signature bytes.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>The signature as a new array.</summary>
    public byte[] ToArray() => Span.ToArray();

    /// <inheritdoc />
    public bool Equals(Signature other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Signature other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(Span);

    /// <summary>Lower-case hexadecimal.</summary>
    public override string ToString() => Convert.ToHexStringLower(Span);

    /// <summary>Equality by content.</summary>
    public static bool operator ==(Signature left, Signature right) => left.Equals(right);

    /// <summary>Inequality by content.</summary>
    public static bool operator !=(Signature left, Signature right) => !left.Equals(right);

    [InlineArray(Size)]
    private struct Bytes64
    {
        private byte _element0;
    }
}
