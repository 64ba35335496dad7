namespace SmartGrid.Ledger.Canonical;

/// <summary>
/// Thrown when bytes that claim to be a canonical ledger record are not one: truncated, of an
/// unknown type or version, non-minimal, or violating an invariant of the record.
/// </summary>
/// <remarks>
/// This is the one exception the decoders throw for bad input. Callers that accept bytes from
/// outside (grains, the audit, proof verifiers) catch it and turn it into a typed defect.
/// </remarks>
public sealed class LedgerFormatException : Exception
{
    /// <summary>Creates an exception naming what was wrong and where.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="offset">Byte offset in the input at which the problem was found, or -1.</param>
    public LedgerFormatException(string message, int offset = -1)
        : base(offset >= 0 ? $"{message} (at byte {offset})" : message)
    {
        Offset = offset;
    }

    /// <summary>Creates an exception with no offset.</summary>
    public LedgerFormatException()
        : this("malformed ledger record")
    {
    }

    /// <summary>Creates an exception wrapping another.</summary>
    public LedgerFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Offset = -1;
    }

    /// <summary>Byte offset in the input at which the problem was found, or -1 when unknown.</summary>
    public int Offset { get; }
}
