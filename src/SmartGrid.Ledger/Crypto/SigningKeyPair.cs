using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace SmartGrid.Ledger.Crypto;

/// <summary>
/// An Ed25519 private key together with its public key. Signing passes the public key to
/// BouncyCastle so that it is not recomputed per signature (twice as fast, DESIGN.md §7).
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class SigningKeyPair
{
    /// <summary>Size of an Ed25519 private key (the RFC 8032 seed) in bytes.</summary>
    public const int PrivateKeySize = 32;

    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey;

    private SigningKeyPair(byte[] privateKey)
    {
        _privateKey = privateKey;
        _publicKey = new byte[PublicKey.Size];
        Ed25519.GeneratePublicKey(privateKey, _publicKey);
        PublicKey = PublicKey.OfOwnKey(_publicKey);
    }

    /// <summary>The public half.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>Creates a key pair from a 32-byte private key (RFC 8032 seed).</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes.</exception>
    public static SigningKeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize)
        {
            throw new ArgumentException($"an Ed25519 private key is {PrivateKeySize} bytes, not {privateKey.Length}", nameof(privateKey));
        }

        return new SigningKeyPair(privateKey.ToArray());
    }

    /// <summary>Generates a fresh key pair from the operating system's secure random source.</summary>
    public static SigningKeyPair Generate()
    {
        var privateKey = new byte[PrivateKeySize];
        RandomNumberGenerator.Fill(privateKey);
        return new SigningKeyPair(privateKey);
    }

    /// <summary>
    /// Derives a key pair deterministically from a seed and a label, for simulations and tests
    /// that must repeat exactly. Never use it for real devices.
    /// </summary>
    public static SigningKeyPair Derive(ReadOnlySpan<byte> seed, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var privateKey = HMACSHA256.HashData(seed, System.Text.Encoding.UTF8.GetBytes("smartgrid/derived-key/" + label));
        return new SigningKeyPair(privateKey);
    }

    /// <summary>Signs a message.</summary>
    public Signature Sign(ReadOnlySpan<byte> message)
    {
        Span<byte> signature = stackalloc byte[Signature.Size];

        // Spans on purpose: with a byte[] second argument BouncyCastle picks the Ed25519ctx
        // overload and signs with the public key as a context string.
        ReadOnlySpan<byte> privateKey = _privateKey;
        ReadOnlySpan<byte> publicKey = _publicKey;
        Ed25519.Sign(privateKey, publicKey, message, signature);
        return new Signature(signature);
    }

    /// <summary>Copies the private key out, for writing a key file.</summary>
    public byte[] ExportPrivateKey() => (byte[])_privateKey.Clone();
}
