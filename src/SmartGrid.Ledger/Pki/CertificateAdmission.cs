namespace SmartGrid.Ledger.Pki;

/// <summary>What a <see cref="CertificateRegistry"/> did with a certificate or revocation offered to it.</summary>
public enum CertificateAdmission
{
    /// <summary>Added.</summary>
    Accepted = 0,

    /// <summary>Already known, byte for byte; nothing changed.</summary>
    AlreadyKnown = 1,

    /// <summary>The issuer signature does not verify under the trust anchor.</summary>
    BadIssuerSignature = 2,

    /// <summary>Another certificate with the same subject and serial is already known.</summary>
    Conflict = 3,
}
