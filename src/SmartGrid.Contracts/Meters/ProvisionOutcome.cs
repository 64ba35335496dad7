namespace SmartGrid.Contracts.Meters;

/// <summary>What a meter grain did with a certificate or revocation. Values are stable on the wire.</summary>
public enum ProvisionOutcome
{
    /// <summary>Stored and in force.</summary>
    Accepted = 0,

    /// <summary>Already held, byte for byte; nothing changed.</summary>
    AlreadyKnown = 1,

    /// <summary>Not signed by the utility root this silo trusts.</summary>
    BadIssuerSignature = 2,

    /// <summary>Issued for another device than this meter.</summary>
    WrongSubject = 3,

    /// <summary>Issued for another role than <c>Meter</c>.</summary>
    WrongRole = 4,

    /// <summary>Another certificate with the same serial is already held.</summary>
    Conflict = 5,

    /// <summary>The revocation names a certificate this meter does not hold.</summary>
    UnknownCertificate = 6,

    /// <summary>
    /// The silo lacks what the request needs (for a validator: a transport to its peers); nothing
    /// was stored, and the request succeeds once the silo is configured.
    /// </summary>
    NotConfigured = 7,
}
