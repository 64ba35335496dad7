using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartGrid.Contracts.Meters;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Grains.Options;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tiers;

/// <summary>
/// The utility tier's node: anchors its substations (see <see cref="AnchorParentGrain"/>) and is
/// the PKI's front door for revocations and the revocation list.
/// </summary>
public sealed class UtilityGrain : AnchorParentGrain, IUtilityGrain
{
    /// <summary>Creates the grain (called by Orleans).</summary>
    public UtilityGrain(
        [PersistentState("utility", StorageNames.GrainState)] IPersistentState<AnchorNodeState> state,
        ILedgerStore ledger,
        IPkiStore pki,
        IOptions<LedgerOptions> options,
        LedgerClock clock,
        ILogger<UtilityGrain> logger)
        : base(state, ledger, pki, (options ?? throw new ArgumentNullException(nameof(options))).Value, clock, logger)
    {
    }

    /// <inheritdoc />
    protected override DeviceRole Role => DeviceRole.Utility;

    /// <inheritdoc />
    public async Task<ProvisionResult> RevokeCertificateAsync(CertificateRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        var (registry, _) = await RegistryLoader.LoadAsync(Pki, Options.TrustAnchor!, revocation.Subject);
        var certificate = registry.CertificatesOf(revocation.Subject).FirstOrDefault(c => c.Serial == revocation.Serial);
        if (certificate is null)
        {
            return ProvisionResult.Of(ProvisionOutcome.UnknownCertificate, $"no certificate #{revocation.Serial} of '{revocation.Subject}' is stored");
        }

        if (registry.Admissible(revocation) == CertificateAdmission.BadIssuerSignature)
        {
            return ProvisionResult.Of(ProvisionOutcome.BadIssuerSignature, "the revocation is not signed by the utility root this silo trusts");
        }

        // The subject's grain stores and applies it; a role without a grain of its own is stored here.
        return certificate.Role switch
        {
            DeviceRole.Meter => await GrainFactory.GetGrain<IMeterGrain>(revocation.Subject.Value).RevokeAsync(revocation),
            DeviceRole.Concentrator => await GrainFactory.GetGrain<IConcentratorGrain>(revocation.Subject.Value).RevokeAsync(revocation),
            DeviceRole.Substation => await GrainFactory.GetGrain<ISubstationGrain>(revocation.Subject.Value).RevokeAsync(revocation),
            DeviceRole.Utility when revocation.Subject == Id => await RevokeAsync(revocation),
            DeviceRole.Utility => await GrainFactory.GetGrain<IUtilityGrain>(revocation.Subject.Value).RevokeAsync(revocation),
            _ => await StoreAsync(revocation),
        };
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<DeviceCertificate>> GetCertificatesAsync(DeviceId? subject)
    {
        var certificates = ImmutableArray.CreateBuilder<DeviceCertificate>();
        await foreach (var bytes in Pki.ReadCertificatesAsync(subject))
        {
            try
            {
                var certificate = DeviceCertificate.Decode(bytes.Span);
                if (certificate.VerifyIssuerSignature(Options.TrustAnchor!))
                {
                    certificates.Add(certificate);
                }
            }
            catch (LedgerFormatException)
            {
                // A damaged record is the audit's finding; the registry answers only what verifies.
            }
        }

        return certificates.ToImmutable();
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<CertificateRevocation>> GetRevocationsAsync()
    {
        var revocations = ImmutableArray.CreateBuilder<CertificateRevocation>();
        await foreach (var bytes in Pki.ReadRevocationsAsync())
        {
            try
            {
                var revocation = CertificateRevocation.Decode(bytes.Span);
                if (revocation.VerifyIssuerSignature(Options.TrustAnchor!))
                {
                    revocations.Add(revocation);
                }
            }
            catch (LedgerFormatException)
            {
                // A damaged record is the audit's finding; the list carries only what verifies.
            }
        }

        return revocations.ToImmutable();
    }

    private async Task<ProvisionResult> StoreAsync(CertificateRevocation revocation)
    {
        await Pki.PutRevocationAsync(revocation);
        return ProvisionResult.Of(ProvisionOutcome.Accepted);
    }
}
