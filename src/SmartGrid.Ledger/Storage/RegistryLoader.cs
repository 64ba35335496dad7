using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Storage;

/// <summary>Builds a <see cref="CertificateRegistry"/> from what a <see cref="IPkiStore"/> holds.</summary>
public static class RegistryLoader
{
    /// <summary>
    /// Loads the certificates and revocations of one device (or all when null) into a registry
    /// trusting <paramref name="trustAnchor"/>. Records that do not decode or do not verify
    /// are left out and reported as defects (height -1: they are not chain blocks).
    /// </summary>
    public static async Task<(CertificateRegistry Registry, IReadOnlyList<ChainDefect> Defects)> LoadAsync(IPkiStore store, PublicKey trustAnchor, DeviceId? subject = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var registry = new CertificateRegistry(trustAnchor);
        var defects = new List<ChainDefect>();
        await foreach (var bytes in store.ReadCertificatesAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var certificate = DeviceCertificate.Decode(bytes.Span);
                var admission = registry.Add(certificate);
                if (admission is CertificateAdmission.BadIssuerSignature or CertificateAdmission.Conflict)
                {
                    defects.Add(new ChainDefect(-1, DefectKind.BadIssuerSignature, $"{certificate}: {admission}"));
                }
            }
            catch (LedgerFormatException ex)
            {
                defects.Add(new ChainDefect(-1, DefectKind.Malformed, $"stored certificate: {ex.Message}"));
            }
        }

        await foreach (var bytes in store.ReadRevocationsAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var revocation = CertificateRevocation.Decode(bytes.Span);
                if (registry.AddRevocation(revocation) == CertificateAdmission.BadIssuerSignature)
                {
                    defects.Add(new ChainDefect(-1, DefectKind.BadIssuerSignature, $"{revocation}: bad issuer signature"));
                }
            }
            catch (LedgerFormatException ex)
            {
                defects.Add(new ChainDefect(-1, DefectKind.Malformed, $"stored revocation: {ex.Message}"));
            }
        }

        return (registry, defects);
    }
}
