using System.Globalization;

namespace SmartGrid.Ledger.Metering;

/// <summary>
/// An OBIS code (IEC 62056-61) naming a metered quantity: six value groups A-B:C.D.E*F, for
/// example <c>1-0:1.8.0*255</c>, active energy import. The short form <c>1.8.0</c> means
/// A=1 (electricity), B=0 (channel), F=255 (no billing period).
/// </summary>
public readonly record struct ObisCode(byte A, byte B, byte C, byte D, byte E, byte F)
{
    /// <summary>Encoded size in bytes.</summary>
    public const int Size = 6;

    /// <summary>An electricity code from its C.D.E groups, with A=1, B=0, F=255.</summary>
    public static ObisCode Electricity(byte c, byte d, byte e) => new(1, 0, c, d, e, 255);

    /// <summary>
    /// Parses <c>A-B:C.D.E*F</c>, <c>A-B:C.D.E</c> (F=255) or <c>C.D.E</c> (A=1, B=0, F=255);
    /// <c>.</c> is also accepted in place of <c>*</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not an OBIS code.</exception>
    public static ObisCode Parse(string text)
    {
        if (!TryParse(text, out var code))
        {
            throw new FormatException($"'{text}' is not an OBIS code (A-B:C.D.E*F or C.D.E)");
        }

        return code;
    }

    /// <summary>Tries to parse an OBIS code (see <see cref="Parse"/>).</summary>
    public static bool TryParse(string? text, out ObisCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        byte a = 1, b = 0, f = 255;
        var rest = text.Trim();
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var ab = rest[..colon].Split('-');
            if (ab.Length != 2 || !TryByte(ab[0], out a) || !TryByte(ab[1], out b))
            {
                return false;
            }

            rest = rest[(colon + 1)..];
        }

        var star = rest.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0)
        {
            if (!TryByte(rest[(star + 1)..], out f))
            {
                return false;
            }

            rest = rest[..star];
        }

        var cde = rest.Split('.');
        if (cde.Length == 4 && star < 0)
        {
            if (!TryByte(cde[3], out f))
            {
                return false;
            }
        }
        else if (cde.Length != 3)
        {
            return false;
        }

        if (!TryByte(cde[0], out var c) || !TryByte(cde[1], out var d) || !TryByte(cde[2], out var e))
        {
            return false;
        }

        code = new ObisCode(a, b, c, d, e, f);
        return true;
    }

    /// <summary>The full form <c>A-B:C.D.E*F</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{A}-{B}:{C}.{D}.{E}*{F}");

    /// <summary><c>C.D.E</c> when A=1, B=0 and F=255, otherwise the full form.</summary>
    public string ToShortString() =>
        A == 1 && B == 0 && F == 255 ? string.Create(CultureInfo.InvariantCulture, $"{C}.{D}.{E}") : ToString();

    /// <summary>Writes the six value groups.</summary>
    public void CopyTo(Span<byte> destination)
    {
        destination[0] = A;
        destination[1] = B;
        destination[2] = C;
        destination[3] = D;
        destination[4] = E;
        destination[5] = F;
    }

    /// <summary>Reads six value groups.</summary>
    public static ObisCode Read(ReadOnlySpan<byte> source) => new(source[0], source[1], source[2], source[3], source[4], source[5]);

    private static bool TryByte(string s, out byte value) =>
        byte.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
