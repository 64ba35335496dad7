using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Pki;

/// <summary>
/// Installing a certificate or a revocation at the grain it concerns, the same way for meters,
/// appliances and anchoring nodes: check against the grain's registry, persist, then admit, so a
/// failed write never leaves something in force that the store does not hold.
/// </summary>
internal static class PkiInstaller
{
    /// <summary>Checks, stores and admits <paramref name="certificate"/> (its subject and role are the caller's to check).</summary>
    public static async Task<ProvisionResult> InstallAsync(CertificateRegistry registry, IPkiStore pki, DeviceCertificate certificate)
    {
        switch (registry.Admissible(certificate))
        {
            case CertificateAdmission.AlreadyKnown:
                return ProvisionResult.Of(ProvisionOutcome.AlreadyKnown);
            case CertificateAdmission.BadIssuerSignature:
                return ProvisionResult.Of(ProvisionOutcome.BadIssuerSignature, "the certificate is not signed by the utility root this silo trusts");
            case CertificateAdmission.Conflict:
                return ProvisionResult.Of(ProvisionOutcome.Conflict, $"another certificate with serial #{certificate.Serial} is already installed");
        }

        try
        {
            await pki.PutCertificateAsync(certificate);
        }
        catch (LedgerConflictException ex)
        {
            return ProvisionResult.Of(ProvisionOutcome.Conflict, ex.Message);
        }

        registry.Add(certificate);
        return ProvisionResult.Of(ProvisionOutcome.Accepted);
    }

    /// <summary>
    /// Checks that <paramref name="revocation"/> names one of <paramref name="holder"/>'s
    /// certificates and is the root's, then stores and admits it.
    /// </summary>
    public static async Task<ProvisionResult> RevokeAsync(CertificateRegistry registry, IPkiStore pki, DeviceId holder, string holderKind, CertificateRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        if (holder.IsEmpty || revocation.Subject != holder)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, $"revocation is for '{revocation.Subject}', this is {holderKind} '{holder}'");
        }

        if (!registry.CertificatesOf(holder).Any(c => c.Serial == revocation.Serial))
        {
            return ProvisionResult.Of(ProvisionOutcome.UnknownCertificate, $"{holderKind} '{holder}' holds no certificate #{revocation.Serial}");
        }

        switch (registry.Admissible(revocation))
        {
            case CertificateAdmission.AlreadyKnown:
                return ProvisionResult.Of(ProvisionOutcome.AlreadyKnown);
            case CertificateAdmission.BadIssuerSignature:
                return ProvisionResult.Of(ProvisionOutcome.BadIssuerSignature, "the revocation is not signed by the utility root this silo trusts");
        }

        await pki.PutRevocationAsync(revocation);
        registry.AddRevocation(revocation);
        return ProvisionResult.Of(ProvisionOutcome.Accepted);
    }
}
