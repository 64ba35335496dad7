using Org.BouncyCastle.Math.EC.Rfc8032;

namespace SmartGrid.Ledger.Crypto;

/// <summary>
/// An Ed25519 public key. The curve point of a key from outside is decoded and validated once,
/// when the key is created, and kept: verification then runs at full speed (see DESIGN.md §7).
/// The public half of a key pair this process holds is valid by construction: its point is only
/// decoded when something verifies with it (a simulator's million devices sign and never verify).
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    /// <summary>Size of an encoded public key in bytes.</summary>
    public const int Size = 32;

    private readonly byte[] _encoded;
    private Ed25519.PublicPoint? _point;

    private PublicKey(byte[] encoded, Ed25519.PublicPoint? point)
    {
        _encoded = encoded;
        _point = point;
    }

    /// <summary>The 32-byte RFC 8032 encoding.</summary>
    public ReadOnlySpan<byte> Span => _encoded;

    /// <summary>Decodes and validates a 32-byte encoded key.</summary>
    /// <exception cref="ArgumentException">The bytes are not a valid Ed25519 public key.</exception>
    public static PublicKey FromBytes(ReadOnlySpan<byte> encoded)
    {
        if (!TryFromBytes(encoded, out var key))
        {
            throw new ArgumentException("not a valid Ed25519 public key (32 bytes encoding a point of the prime-order subgroup)", nameof(encoded));
        }

        return key;
    }

    /// <summary>Tries to decode and validate a 32-byte encoded key.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> encoded, out PublicKey key)
    {
        key = null!;
        if (encoded.Length != Size)
        {
            return false;
        }

        var point = Ed25519.ValidatePublicKeyFullExport(encoded);
        if (point is null)
        {
            return false;
        }

        key = new PublicKey(encoded.ToArray(), point);
        return true;
    }

    // The public key computed from a private key (SigningKeyPair): a point of the prime-order
    // subgroup by construction, so it skips validation and decodes lazily.
    internal static PublicKey OfOwnKey(byte[] encoded) => new(encoded, null);

    /// <summary>Parses 64 hexadecimal characters.</summary>
    /// <exception cref="FormatException">The text is not a hex-encoded Ed25519 public key.</exception>
    public static PublicKey Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException ex)
        {
            throw new FormatException("an Ed25519 public key is 64 hexadecimal characters", ex);
        }

        if (!TryFromBytes(bytes, out var key))
        {
            throw new FormatException("the hexadecimal text is not a valid Ed25519 public key");
        }

        return key;
    }

    /// <summary>Checks an Ed25519 signature of <paramref name="message"/> under this key.</summary>
    public bool Verify(ReadOnlySpan<byte> message, in Signature signature) =>
        Ed25519.Verify(signature.Span, Point, message);

    // Decoding is idempotent, so two threads racing here both store an equal point.
    private Ed25519.PublicPoint Point => _point ??= Ed25519.ValidatePublicKeyPartialExport(_encoded)
        ?? throw new InvalidOperationException("a key pair's public key does not decode");

    /// <inheritdoc />
    public bool Equals(PublicKey? other) => other is not null && _encoded.AsSpan().SequenceEqual(other._encoded);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_encoded);

    /// <summary>Whether two keys have the same encoding (null equals only null).</summary>
    public static bool operator ==(PublicKey? left, PublicKey? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two keys differ.</summary>
    public static bool operator !=(PublicKey? left, PublicKey? right) => !(left == right);

    /// <summary>Lower-case hexadecimal of the encoding.</summary>
    public override string ToString() => Convert.ToHexStringLower(_encoded);
}
