using System.Buffers.Binary;
using System.Text;

namespace SmartGrid.Ledger.Canonical;

/// <summary>
/// Reads the canonical binary encoding written by <see cref="CanonicalWriter"/>. Every read
/// checks bounds and minimality and throws <see cref="LedgerFormatException"/> naming what was
/// wrong, so a decoder built on it accepts exactly the canonical bytes and nothing else.
/// </summary>
public ref struct CanonicalReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Creates a reader over the given bytes.</summary>
    public CanonicalReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>Number of bytes not yet read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>The bytes read so far.</summary>
    public readonly ReadOnlySpan<byte> Consumed => _data[.._position];

    /// <summary>Reads and checks a record header.</summary>
    /// <returns>The format version found.</returns>
    public byte ReadHeader(RecordType expected, byte maxVersion)
    {
        var at = _position;
        var type = ReadByte();
        if (type != (byte)expected)
        {
            throw new LedgerFormatException($"expected a {expected} record (type 0x{(byte)expected:X2}) but found type 0x{type:X2}", at);
        }

        var version = ReadByte();
        if (version == 0 || version > maxVersion)
        {
            throw new LedgerFormatException($"{expected} format version {version} is not supported (1..{maxVersion})", at + 1);
        }

        return version;
    }

    /// <summary>Reads one byte.</summary>
    public byte ReadByte() => Take(1, "byte")[0];

    /// <summary>Reads a signed byte.</summary>
    public sbyte ReadSByte() => unchecked((sbyte)ReadByte());

    /// <summary>Reads a 32-bit unsigned little-endian integer.</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "uint32"));

    /// <summary>Reads a 64-bit unsigned little-endian integer.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "uint64"));

    /// <summary>Reads a 64-bit signed little-endian integer.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8, "int64"));

    /// <summary>Reads a minimal LEB128 unsigned integer.</summary>
    public ulong ReadVarUInt64()
    {
        var at = _position;
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && b > 1)
            {
                throw new LedgerFormatException("varint overflows 64 bits", at);
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (b == 0 && shift > 0)
                {
                    throw new LedgerFormatException("varint is not minimally encoded", at);
                }

                return result;
            }
        }

        throw new LedgerFormatException("varint longer than 10 bytes", at);
    }

    /// <summary>Reads a zig-zag LEB128 signed integer.</summary>
    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return unchecked((long)(raw >> 1) ^ -(long)(raw & 1));
    }

    /// <summary>Reads a LEB128 unsigned integer that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int ReadVarCount(int min, int max, string what)
    {
        var at = _position;
        var value = ReadVarUInt64();
        if (value < (ulong)min || value > (ulong)max)
        {
            throw new LedgerFormatException($"{what} is {value}, outside {min}..{max}", at);
        }

        return (int)value;
    }

    /// <summary>Reads a fixed number of raw bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count, $"{count} bytes");

    /// <summary>Reads a byte string with a LEB128 length prefix no longer than <paramref name="maxLength"/>.</summary>
    public ReadOnlySpan<byte> ReadSizedBytes(int maxLength)
    {
        var length = ReadVarCount(0, maxLength, "byte string length");
        return Take(length, "byte string");
    }

    /// <summary>Reads a one-byte-length printable-ASCII string.</summary>
    public string ReadShortAscii()
    {
        var length = ReadByte();
        var at = _position;
        var bytes = Take(length, "string");
        foreach (var b in bytes)
        {
            if (b < 0x20 || b > 0x7E)
            {
                throw new LedgerFormatException($"string byte 0x{b:X2} is not printable ASCII", at);
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>Reads a UTF-8 string with a LEB128 byte-length prefix.</summary>
    public string ReadUtf8(int maxBytes)
    {
        var at = _position;
        var bytes = ReadSizedBytes(maxBytes);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new LedgerFormatException($"invalid UTF-8 at byte {at}", ex);
        }
    }

    /// <summary>Throws unless every byte has been read.</summary>
    public readonly void EnsureEnd(string what)
    {
        if (_position != _data.Length)
        {
            throw new LedgerFormatException($"{_data.Length - _position} trailing bytes after {what}", _position);
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw new LedgerFormatException($"truncated: needed {what}, {_data.Length - _position} bytes left", _position);
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
