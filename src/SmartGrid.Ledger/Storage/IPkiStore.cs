using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Storage;

/// <summary>
/// Durable storage of the certificates and revocations the utility root issued. Reads return
/// the canonical bytes as stored, so an audit can notice a record altered in place.
/// </summary>
public interface IPkiStore
{
    /// <summary>Stores a certificate (idempotent for identical bytes; a stored certificate is never overwritten).</summary>
    /// <exception cref="LedgerConflictException">A different certificate with the same subject and serial is stored.</exception>
    ValueTask PutCertificateAsync(DeviceCertificate certificate, CancellationToken cancellationToken = default);

    /// <summary>Stores a revocation; for one certificate the earliest revocation time is kept.</summary>
    ValueTask PutRevocationAsync(CertificateRevocation revocation, CancellationToken cancellationToken = default);

    /// <summary>The stored certificates of one device, or of every device when null, as canonical bytes.</summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadCertificatesAsync(DeviceId? subject = null, CancellationToken cancellationToken = default);

    /// <summary>The stored revocations of one device, or of every device when null, as canonical bytes.</summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadRevocationsAsync(DeviceId? subject = null, CancellationToken cancellationToken = default);
}
