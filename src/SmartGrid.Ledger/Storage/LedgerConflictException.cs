namespace SmartGrid.Ledger.Storage;

/// <summary>
/// Thrown by a store when an append does not extend the chain it names (the height is taken or
/// skips ahead): two writers raced for one chain. Nothing was written.
/// </summary>
public sealed class LedgerConflictException : Exception
{
    /// <summary>Creates the exception for an append to <paramref name="chain"/> at <paramref name="height"/>.</summary>
    public LedgerConflictException(ChainId chain, long height, long storedHeight)
        : base($"append to {chain} at height {height} conflicts: the store holds {storedHeight} blocks")
    {
        Chain = chain;
        Height = height;
        StoredHeight = storedHeight;
    }

    /// <summary>Creates the exception with a message.</summary>
    public LedgerConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public LedgerConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public LedgerConflictException()
        : base("ledger append conflict")
    {
    }

    /// <summary>The chain appended to.</summary>
    public ChainId Chain { get; }

    /// <summary>The height the append asked for.</summary>
    public long Height { get; }

    /// <summary>The number of blocks the store held.</summary>
    public long StoredHeight { get; }
}
