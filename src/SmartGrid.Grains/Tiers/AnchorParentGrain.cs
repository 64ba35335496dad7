using SmartGrid.Contracts.Meters;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Grains.Options;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;
using Microsoft.Extensions.Logging;

namespace SmartGrid.Grains.Tiers;

/// <summary>
/// A node anchoring anchor chains (substation, utility). A child's header is checked before its
/// head is taken: a certificate of the child's tier (a meter key cannot sign a concentrator
/// block), the signature, and a sequence that moves forward and links to the last header seen.
/// </summary>
public abstract class AnchorParentGrain : AnchorNodeGrain, IAnchorParentGrain
{
    private readonly Dictionary<DeviceId, AnchorBlockHeader> _lastSeen = [];

    /// <summary>Creates the grain.</summary>
    protected AnchorParentGrain(IPersistentState<AnchorNodeState> state, ILedgerStore ledger, IPkiStore pki, LedgerOptions options, LedgerClock clock, ILogger logger)
        : base(state, ledger, pki, options, clock, logger)
    {
    }

    /// <inheritdoc />
    public async Task<IngestResult> OfferHeadAsync(AnchorBlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var childRole = Tier.ChildOf(Role);
        var child = header.Node;
        if (header.Role != childRole)
        {
            return Refuse(new ChainDefect(0, DefectKind.WrongRole, $"a {Tier.NameOf(header.Role)} block is offered to {Tier.NameOf(Role)} '{Id}', which anchors {Tier.NameOf(childRole)} chains"));
        }

        if (!IsChild(child))
        {
            return Refuse(new ChainDefect(0, DefectKind.UnknownDevice, $"'{child}' is not a {Tier.NameOf(childRole)} of {Tier.NameOf(Role)} '{Id}'"));
        }

        if (header.Sequence > long.MaxValue)
        {
            return Refuse(new ChainDefect(0, DefectKind.Malformed, $"sequence {header.Sequence} is out of range"));
        }

        if (_lastSeen.TryGetValue(child, out var last) && header.Sequence <= last.Sequence)
        {
            var repeat = header.Sequence == last.Sequence && header.Hash == last.Hash
                ? new ChainDefect((long)header.Sequence, DefectKind.Duplicate, $"block {header.Sequence} of '{child}' was already taken")
                : new ChainDefect((long)header.Sequence, DefectKind.Replay, $"block {header.Sequence} of '{child}' is not after block {last.Sequence}, already taken");
            return repeat.Kind == DefectKind.Duplicate ? IngestResult.Rejected(repeat, repeat.Height, header.Hash) : Refuse(repeat);
        }

        // The next block after the last one seen must link to it; after a gap (or on first sight
        // since activation) the certificate and signature are still checked.
        var head = last is not null && last.Sequence + 1 == header.Sequence
            ? new ChainHead((long)header.Sequence, last.Hash, last.Timestamp, null)
            : new ChainHead((long)header.Sequence, header.Previous, null, null);
        var registry = await ChildCertificatesAsync(child);
        if (ChainRules.Check(header, child, childRole, head, registry, Clock.UtcNow, Options.MaxClockSkew) is { } defect)
        {
            return Refuse(defect);
        }

        _lastSeen[child] = header;
        Offer(Anchor.Of(childRole, header), header.Timestamp);
        return IngestResult.Appended((long)header.Sequence, header.Hash);
    }

    /// <inheritdoc />
    public Task<ProvisionResult> UseValidatorsAsync(byte[] validatorSet) => UseValidatorsCoreAsync(validatorSet);

    /// <inheritdoc />
    public Task CommittedAsync(byte[] record) => StoreCommittedAsync(record);

    private IngestResult Refuse(ChainDefect defect)
    {
        CountRefused(defect.Kind.ToString());
        return IngestResult.Rejected(defect, defect.Height, Hash256.Zero);
    }

    // Read fresh at every offer (one indexed read per child per interval): a revocation of the
    // child's certificate applies from the next header on, with nothing cached to go stale.
    private async Task<CertificateRegistry> ChildCertificatesAsync(DeviceId child)
    {
        var (registry, _) = await RegistryLoader.LoadAsync(Pki, Options.TrustAnchor!, child);
        return registry;
    }
}
