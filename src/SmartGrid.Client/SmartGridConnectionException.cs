namespace SmartGrid.Client;

/// <summary>The client could not reach a SmartGridActors cluster.</summary>
public sealed class SmartGridConnectionException : Exception
{
    /// <summary>Creates the exception with a message naming the gateways tried.</summary>
    public SmartGridConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SmartGridConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SmartGridConnectionException()
        : base("could not connect to a SmartGridActors cluster")
    {
    }
}
