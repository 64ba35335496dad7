namespace SmartGrid.Ledger.Pki;

/// <summary>The outcome of checking a device's certificate for a signature.</summary>
public enum CertificateStatus
{
    /// <summary>The certificate exists, has the role, is in its validity window and is not revoked.</summary>
    Valid = 0,

    /// <summary>No certificate is known for the device.</summary>
    UnknownDevice = 1,

    /// <summary>The device is known but has no certificate with the given serial.</summary>
    UnknownCertificate = 2,

    /// <summary>The certificate is for another role (a meter key signing a concentrator block).</summary>
    WrongRole = 3,

    /// <summary>The signature predates the certificate's validity window.</summary>
    NotYetValid = 4,

    /// <summary>The signature postdates the certificate's validity window.</summary>
    Expired = 5,

    /// <summary>The certificate was revoked before the signature or before it was presented.</summary>
    Revoked = 6,
}
