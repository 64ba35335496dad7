namespace SmartGrid.Ledger.Pki;

/// <summary>Why a certificate was revoked; values follow RFC 5280 CRLReason.</summary>
public enum RevocationReason : byte
{
    /// <summary>No reason given.</summary>
    Unspecified = 0,

    /// <summary>The device's private key is known or suspected to be compromised.</summary>
    KeyCompromise = 1,

    /// <summary>A new certificate replaces this one (key rotation).</summary>
    Superseded = 4,

    /// <summary>The device was taken out of service.</summary>
    CessationOfOperation = 5,
}
