using System.Buffers.Binary;
using System.Text;

namespace SmartGrid.Ledger.Canonical;

/// <summary>
/// Writes the canonical binary encoding: fixed-width integers little-endian, variable-length
/// integers as minimal LEB128 (signed ones zig-zagged first), strings as a one-byte length and
/// ASCII. There is exactly one encoding of every value, so equal records have equal bytes.
/// </summary>
public sealed class CanonicalWriter
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer with an initial capacity in bytes.</summary>
    public CanonicalWriter(int capacity = 256)
    {
        _buffer = new byte[Math.Max(16, capacity)];
    }

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Copies the bytes written so far into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Writes the record header: its type and format version.</summary>
    public void WriteHeader(RecordType type, byte version)
    {
        WriteByte((byte)type);
        WriteByte(version);
    }

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>Writes a signed byte.</summary>
    public void WriteSByte(sbyte value) => WriteByte(unchecked((byte)value));

    /// <summary>Writes a 32-bit unsigned integer, little-endian.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    /// <summary>Writes a 64-bit unsigned integer, little-endian.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>Writes a 64-bit signed integer, little-endian two's complement.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    /// <summary>Writes an unsigned integer as minimal LEB128 (1 to 10 bytes).</summary>
    public void WriteVarUInt64(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    /// <summary>Writes a signed integer zig-zag encoded, then as minimal LEB128.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64(unchecked((ulong)((value << 1) ^ (value >> 63))));

    /// <summary>Writes raw bytes with no length prefix (fixed-size fields such as hashes and keys).</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Writes a byte string with a LEB128 length prefix.</summary>
    public void WriteSizedBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt64((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>Writes a short printable-ASCII string (at most 255 bytes) with a one-byte length.</summary>
    /// <exception cref="ArgumentException">The string is longer than 255 characters or not printable ASCII.</exception>
    public void WriteShortAscii(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > byte.MaxValue)
        {
            throw new ArgumentException($"string of {value.Length} characters exceeds the 255 allowed", nameof(value));
        }

        WriteByte((byte)value.Length);
        var span = Reserve(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException($"character U+{(int)c:X4} at {i} is not printable ASCII", nameof(value));
            }

            span[i] = (byte)c;
        }
    }

    /// <summary>Writes a UTF-8 string with a LEB128 byte-length prefix.</summary>
    public void WriteUtf8(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>Discards everything written, keeping the buffer.</summary>
    public void Reset() => _length = 0;

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
