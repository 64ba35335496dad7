using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SmartGrid.Analytics.Theft;

/// <summary>Writes the fixed little-endian fields of <see cref="TheftModelFormat"/>.</summary>
internal sealed class TheftModelWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    /// <summary>Bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>The IEEE 754 bits of <paramref name="value"/>, so a loaded model computes exactly as the saved one.</summary>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteDoubles(IReadOnlyList<double> values)
    {
        WriteInt32(values.Count);
        foreach (var value in values)
        {
            WriteDouble(value);
        }
    }

    /// <summary>A string as its UTF-8 length (u16) and bytes.</summary>
    public void WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteUInt16(checked((ushort)bytes.Length));
        _buffer.Write(bytes);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);
}
