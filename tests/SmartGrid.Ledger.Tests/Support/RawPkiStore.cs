using System.Runtime.CompilerServices;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>A PKI store that hands back whatever bytes it was given, in order: a damaged or hostile store.</summary>
internal sealed class RawPkiStore : IPkiStore
{
    public List<byte[]> Certificates { get; } = [];

    public List<byte[]> Revocations { get; } = [];

    public ValueTask PutCertificateAsync(DeviceCertificate certificate, CancellationToken cancellationToken = default)
    {
        Certificates.Add(certificate.Encoded.ToArray());
        return ValueTask.CompletedTask;
    }

    public ValueTask PutRevocationAsync(CertificateRevocation revocation, CancellationToken cancellationToken = default)
    {
        Revocations.Add(revocation.Encoded.ToArray());
        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadCertificatesAsync(DeviceId? subject = null, CancellationToken cancellationToken = default) =>
        ReadAsync(Certificates, cancellationToken);

    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadRevocationsAsync(DeviceId? subject = null, CancellationToken cancellationToken = default) =>
        ReadAsync(Revocations, cancellationToken);

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(List<byte[]> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return item;
        }
    }
}
