namespace SmartGrid.Ledger.Identity;

/// <summary>
/// The identity of a device or node (meter, appliance, concentrator, substation, utility): 1 to
/// 64 characters from <c>A-Z a-z 0-9 . _ : -</c>. It is the grain key and is part of every
/// signed record, so it is restricted to a set with one obvious byte encoding.
/// </summary>
public readonly struct DeviceId : IEquatable<DeviceId>, IComparable<DeviceId>
{
    /// <summary>Longest identity allowed.</summary>
    public const int MaxLength = 64;

    private readonly string? _value;

    private DeviceId(string value) => _value = value;

    /// <summary>The identity text ("" for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is the default, empty value.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Creates an identity, checking its characters and length.</summary>
    /// <exception cref="ArgumentException">The text is empty, too long, or has a character outside the allowed set.</exception>
    public static DeviceId Parse(string value)
    {
        if (!TryParse(value, out var id, out var error))
        {
            throw new ArgumentException(error, nameof(value));
        }

        return id;
    }

    /// <summary>Tries to create an identity; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? value, out DeviceId id, out string error)
    {
        id = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "a device id must not be empty";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"device id '{value[..16]}...' has {value.Length} characters, at most {MaxLength} are allowed";
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or ':' or '-';
            if (!ok)
            {
                error = $"device id '{value}' has '{c}' at position {i}; only A-Z a-z 0-9 . _ : - are allowed";
                return false;
            }
        }

        id = new DeviceId(value);
        error = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(DeviceId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DeviceId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public int CompareTo(DeviceId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Equality by value.</summary>
    public static bool operator ==(DeviceId left, DeviceId right) => left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(DeviceId left, DeviceId right) => !left.Equals(right);

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <(DeviceId left, DeviceId right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >(DeviceId left, DeviceId right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <=(DeviceId left, DeviceId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >=(DeviceId left, DeviceId right) => left.CompareTo(right) >= 0;
}
