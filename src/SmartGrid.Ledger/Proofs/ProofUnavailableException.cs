namespace SmartGrid.Ledger.Proofs;

/// <summary>A proof could not be built; <see cref="Reason"/> says why and the message names the meter, time or tier.</summary>
public sealed class ProofUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProofUnavailableException(ProofUnavailableReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why no proof was built.</summary>
    public ProofUnavailableReason Reason { get; }
}
