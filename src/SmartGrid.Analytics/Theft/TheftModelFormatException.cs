namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Raised when the bytes of a saved theft model (<see cref="TheftModelFormat"/>) cannot be loaded:
/// truncated, altered, of an unknown version or classifier, or made for another feature set. The
/// message names what was wrong and <see cref="Position"/> the byte where it was found.
/// </summary>
public sealed class TheftModelFormatException : FormatException
{
    /// <summary>Creates the exception for a defect found at byte <paramref name="position"/>.</summary>
    public TheftModelFormatException(string message, long position)
        : base($"theft model, byte {position}: {message}")
    {
        Position = position;
    }

    /// <summary>Creates the exception (for serializers and tools).</summary>
    public TheftModelFormatException()
        : this("not a theft model", 0)
    {
    }

    /// <summary>Creates the exception (for serializers and tools).</summary>
    public TheftModelFormatException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception (for serializers and tools).</summary>
    public TheftModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Offset of the defect in the model's bytes.</summary>
    public long Position { get; }
}
