using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Ledger.Pki;

/// <summary>
/// The certificates and revocations a verifier trusts, each checked against the utility root's
/// public key when added. Answers whether a device's key may sign in a role at a time.
/// </summary>
/// <remarks>Not thread-safe: a grain or an audit owns its registry.</remarks>
public sealed class CertificateRegistry
{
    private readonly Dictionary<DeviceId, List<DeviceCertificate>> _certificates = [];
    private readonly Dictionary<(DeviceId Subject, ulong Serial), CertificateRevocation> _revocations = [];

    /// <summary>Creates an empty registry trusting one root key.</summary>
    public CertificateRegistry(PublicKey trustAnchor)
    {
        TrustAnchor = trustAnchor ?? throw new ArgumentNullException(nameof(trustAnchor));
    }

    /// <summary>The utility root's public key.</summary>
    public PublicKey TrustAnchor { get; }

    /// <summary>Number of certificates held.</summary>
    public int Count => _certificates.Values.Sum(list => list.Count);

    /// <summary>Every certificate held for a device, oldest serial first.</summary>
    public IReadOnlyList<DeviceCertificate> CertificatesOf(DeviceId device) =>
        _certificates.TryGetValue(device, out var list) ? list : [];

    /// <summary>Every revocation held for a device.</summary>
    public IEnumerable<CertificateRevocation> RevocationsOf(DeviceId device) =>
        _revocations.Values.Where(r => r.Subject == device);

    /// <summary>Adds a certificate after checking the root's signature on it.</summary>
    public CertificateAdmission Add(DeviceCertificate certificate)
    {
        var admission = Admissible(certificate);
        if (admission == CertificateAdmission.Accepted)
        {
            if (!_certificates.TryGetValue(certificate.Subject, out var list))
            {
                _certificates[certificate.Subject] = list = [];
            }

            list.Add(certificate);
            list.Sort((a, b) => a.Serial.CompareTo(b.Serial));
        }

        return admission;
    }

    /// <summary>What <see cref="Add(DeviceCertificate)"/> would do, without doing it (check, persist, then add).</summary>
    public CertificateAdmission Admissible(DeviceCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.VerifyIssuerSignature(TrustAnchor))
        {
            return CertificateAdmission.BadIssuerSignature;
        }

        var existing = _certificates.TryGetValue(certificate.Subject, out var list) ? list.Find(c => c.Serial == certificate.Serial) : null;
        if (existing is null)
        {
            return CertificateAdmission.Accepted;
        }

        return existing.Hash == certificate.Hash ? CertificateAdmission.AlreadyKnown : CertificateAdmission.Conflict;
    }

    /// <summary>
    /// Adds a revocation after checking the root's signature on it. An earlier revocation time
    /// supersedes a later one for the same certificate: revocation only ever widens.
    /// </summary>
    public CertificateAdmission AddRevocation(CertificateRevocation revocation)
    {
        var admission = Admissible(revocation);
        if (admission == CertificateAdmission.Accepted)
        {
            _revocations[(revocation.Subject, revocation.Serial)] = revocation;
        }

        return admission;
    }

    /// <summary>What <see cref="AddRevocation"/> would do, without doing it.</summary>
    public CertificateAdmission Admissible(CertificateRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        if (!revocation.VerifyIssuerSignature(TrustAnchor))
        {
            return CertificateAdmission.BadIssuerSignature;
        }

        return _revocations.TryGetValue((revocation.Subject, revocation.Serial), out var existing) && existing.RevokedAt <= revocation.RevokedAt
            ? CertificateAdmission.AlreadyKnown
            : CertificateAdmission.Accepted;
    }

    /// <summary>
    /// Checks that <paramref name="device"/>'s certificate <paramref name="serial"/> lets it sign in
    /// <paramref name="role"/> at <paramref name="signedAt"/>. For live ingest,
    /// <paramref name="presentedAt"/> is the receiver's clock: a revocation counts when it took
    /// effect at or before the signing time or the presentation, and a certificate that has
    /// expired by the time of presentation (plus <paramref name="expiryGrace"/>) no longer
    /// admits anything, so a stolen or retired key cannot backdate its way past either.
    /// </summary>
    public CertificateStatus Check(DeviceId device, ulong serial, DeviceRole role, DateTimeOffset signedAt, DateTimeOffset? presentedAt, out DeviceCertificate? certificate, TimeSpan expiryGrace = default)
    {
        certificate = null;
        if (!_certificates.TryGetValue(device, out var list))
        {
            return CertificateStatus.UnknownDevice;
        }

        certificate = list.Find(c => c.Serial == serial);
        if (certificate is null)
        {
            return CertificateStatus.UnknownCertificate;
        }

        if (certificate.Role != role)
        {
            return CertificateStatus.WrongRole;
        }

        if (_revocations.TryGetValue((device, serial), out var revocation))
        {
            var cutoff = presentedAt is { } presented && presented > signedAt ? presented : signedAt;
            if (revocation.RevokedAt <= cutoff)
            {
                return CertificateStatus.Revoked;
            }
        }

        if (signedAt < certificate.NotBefore)
        {
            return CertificateStatus.NotYetValid;
        }

        if (signedAt >= certificate.NotAfter)
        {
            return CertificateStatus.Expired;
        }

        return presentedAt is { } now && now - certificate.NotAfter >= expiryGrace ? CertificateStatus.Expired : CertificateStatus.Valid;
    }
}
