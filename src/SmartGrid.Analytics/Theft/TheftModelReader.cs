using System.Buffers.Binary;
using System.Text;

namespace SmartGrid.Analytics.Theft;

/// <summary>Reads the fields of <see cref="TheftModelFormat"/>; every failure names the field and its byte.</summary>
internal ref struct TheftModelReader
{
    private readonly ReadOnlySpan<byte> _bytes;

    public TheftModelReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _bytes.Length - Position;

    public byte ReadByte(string what) => Take(1, what)[0];

    public ushort ReadUInt16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));

    public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

    /// <summary>An int32 in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int ReadInt32(string what, int min, int max)
    {
        var at = Position;
        var value = ReadInt32(what);
        return value >= min && value <= max ? value : throw Fail($"{what} is {value}, outside {min}..{max}", at);
    }

    /// <summary>A finite double.</summary>
    public double ReadDouble(string what)
    {
        var at = Position;
        var value = BinaryPrimitives.ReadDoubleLittleEndian(Take(8, what));
        return double.IsFinite(value) ? value : throw Fail($"{what} is not a finite number", at);
    }

    /// <summary>A count (at most <paramref name="max"/>) and that many finite doubles.</summary>
    public double[] ReadDoubles(string what, int max)
    {
        var count = ReadInt32($"{what} count", 0, max);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadDouble($"{what}[{i}]");
        }

        return values;
    }

    public string ReadString(string what)
    {
        var length = ReadUInt16($"{what} length");
        var at = Position;
        try
        {
            return new UTF8Encoding(false, true).GetString(Take(length, what));
        }
        catch (DecoderFallbackException)
        {
            throw Fail($"{what} is not UTF-8", at);
        }
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string what) => Take(count, what);

    public readonly TheftModelFormatException Fail(string message) => new(message, Position);

    public static TheftModelFormatException Fail(string message, int position) => new(message, position);

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw Fail($"truncated: {what} needs {count} bytes, {Remaining} left", Position);
        }

        var span = _bytes.Slice(Position, count);
        Position += count;
        return span;
    }
}
