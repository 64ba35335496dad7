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
        var registry = new CertificateRegistry(trustAnchor);
        var defects = new List<ChainDefect>();
        await AddAsync(store, registry, subject, defects, cancellationToken).ConfigureAwait(false);
        return (registry, defects);
    }

    /// <summary>
    /// Adds the certificates and revocations of one device (or all when null) to an existing
    /// registry (a meter's registry also holds its appliances'); records that do not decode or do
    /// not verify are left out and added to <paramref name="defects"/>.
    /// </summary>
    public static async Task AddAsync(IPkiStore store, CertificateRegistry registry, DeviceId? subject, ICollection<ChainDefect> defects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(defects);
        await foreach (var bytes in store.ReadCertificatesAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                Admit(registry, DeviceCertificate.Decode(bytes.Span), defects);
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
                Admit(registry, CertificateRevocation.Decode(bytes.Span), defects);
            }
            catch (LedgerFormatException ex)
            {
                defects.Add(new ChainDefect(-1, DefectKind.Malformed, $"stored revocation: {ex.Message}"));
            }
        }
    }

    /// <summary>
    /// Builds a registry from certificates and revocations already decoded (received from a
    /// cluster, read from a proof); those that do not verify are left out and reported.
    /// </summary>
    public static (CertificateRegistry Registry, IReadOnlyList<ChainDefect> Defects) Build(PublicKey trustAnchor, IEnumerable<DeviceCertificate> certificates, IEnumerable<CertificateRevocation> revocations)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(revocations);
        var registry = new CertificateRegistry(trustAnchor);
        var defects = new List<ChainDefect>();
        foreach (var certificate in certificates)
        {
            Admit(registry, certificate, defects);
        }

        foreach (var revocation in revocations)
        {
            Admit(registry, revocation, defects);
        }

        return (registry, defects);
    }

    private static void Admit(CertificateRegistry registry, DeviceCertificate certificate, ICollection<ChainDefect> defects)
    {
        switch (registry.Add(certificate))
        {
            case CertificateAdmission.BadIssuerSignature:
                defects.Add(new ChainDefect(-1, DefectKind.BadIssuerSignature, $"{certificate}: not signed by the trusted utility root"));
                break;
            case CertificateAdmission.Conflict:
                defects.Add(new ChainDefect(-1, DefectKind.CertificateConflict, $"{certificate}: another certificate has the same serial"));
                break;
        }
    }

    private static void Admit(CertificateRegistry registry, CertificateRevocation revocation, ICollection<ChainDefect> defects)
    {
        if (registry.AddRevocation(revocation) == CertificateAdmission.BadIssuerSignature)
        {
            defects.Add(new ChainDefect(-1, DefectKind.BadIssuerSignature, $"{revocation}: bad issuer signature"));
        }
    }
}
