using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Validators;

/// <summary>
/// The validator sets of a deployment, stored in its ledger store beside the chains they commit
/// (POEF.md §9.1): one chain per committed anchor chain, kind <see cref="Kind"/>, node the chain's
/// node, one canonical set (record <c>0x25</c>) per epoch from height 0. A set is trusted only when
/// every member holds a certificate from the utility root, of the tier below the chain's node, for
/// the very key the set names: the store alone cannot make a set, the root's certificates do.
/// </summary>
public static class StoredValidatorSets
{
    /// <summary>The chain kind of stored validator sets (0x25, the set's record type; outside the device roles, so tier audits never list it).</summary>
    public const DeviceRole Kind = (DeviceRole)0x25;

    /// <summary>The chain holding the validator sets of <paramref name="node"/>'s chain.</summary>
    public static ChainId ChainOf(DeviceId node) => new(Kind, node);

    /// <summary>
    /// Why <paramref name="set"/> cannot commit the chain of a node of <paramref name="nodeRole"/>
    /// (a substation or the utility), given the members' certificates in <paramref name="registry"/>;
    /// null when every member is certified, in the tier below, with the key the set names. With
    /// <paramref name="inForceAt"/> (a set handed over now), that certificate must also be in force
    /// then: not revoked, not expired, not yet to come.
    /// </summary>
    public static string? CertificationDefect(ValidatorSet set, DeviceRole nodeRole, CertificateRegistry registry, DateTimeOffset? inForceAt = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(registry);
        if (nodeRole is not (DeviceRole.Substation or DeviceRole.Utility))
        {
            return $"validator sets commit substation and utility chains, not a {Tier.NameOf(nodeRole)} chain";
        }

        var memberRole = Tier.ChildOf(nodeRole);
        foreach (var member in set.Members)
        {
            var certified = registry.CertificatesOf(member.Id).Where(c => c.Role == memberRole && c.SubjectKey == member.Key).ToList();
            if (certified.Count == 0)
            {
                return $"validator '{member.Id}' holds no {Tier.NameOf(memberRole)} certificate for the key the set names";
            }

            if (inForceAt is { } at && certified.Select(c => registry.Check(member.Id, c.Serial, memberRole, at, null, out _)).All(status => status != CertificateStatus.Valid))
            {
                var status = registry.Check(member.Id, certified[^1].Serial, memberRole, at, null, out _);
                return $"validator '{member.Id}' holds no {Tier.NameOf(memberRole)} certificate in force at {at:O} for the key the set names (#{certified[^1].Serial}: {status})";
            }
        }

        return null;
    }

    /// <summary>
    /// Reads every stored set and keeps those whose members are certified under
    /// <paramref name="trustAnchor"/> (<see cref="CertificationDefect"/>); the others are left out,
    /// so the blocks they committed are unverifiable, and each is named in the result's problems.
    /// </summary>
    public static async Task<ValidatorSetLoad> LoadAsync(ILedgerStore ledger, IPkiStore pki, PublicKey trustAnchor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(pki);
        var sets = new List<ValidatorSet>();
        var problems = new List<string>();
        await foreach (var chain in ledger.ListChainsAsync(Kind, cancellationToken).ConfigureAwait(false))
        {
            await LoadChainAsync(ledger, pki, trustAnchor, chain, sets, problems, cancellationToken).ConfigureAwait(false);
        }

        return new ValidatorSetLoad(sets, problems);
    }

    /// <summary>The trusted sets stored for the chain of <paramref name="node"/> only, in epoch order (see <see cref="LoadAsync(ILedgerStore, IPkiStore, PublicKey, CancellationToken)"/>).</summary>
    public static async Task<ValidatorSetLoad> LoadAsync(ILedgerStore ledger, IPkiStore pki, PublicKey trustAnchor, DeviceId node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(pki);
        var sets = new List<ValidatorSet>();
        var problems = new List<string>();
        await LoadChainAsync(ledger, pki, trustAnchor, ChainOf(node), sets, problems, cancellationToken).ConfigureAwait(false);
        return new ValidatorSetLoad(sets, problems);
    }

    private static async Task LoadChainAsync(ILedgerStore ledger, IPkiStore pki, PublicKey trustAnchor, ChainId chain, List<ValidatorSet> sets, List<string> problems, CancellationToken cancellationToken)
    {
        {
            var (nodeCertificates, _) = await RegistryLoader.LoadAsync(pki, trustAnchor, chain.Node, cancellationToken).ConfigureAwait(false);
            var nodeRole = nodeCertificates.CertificatesOf(chain.Node).Select(c => c.Role).FirstOrDefault();
            await foreach (var entry in ledger.ReadAsync(chain, 0, cancellationToken).ConfigureAwait(false))
            {
                ValidatorSet set;
                try
                {
                    set = ValidatorSet.Decode(entry.Bytes.Span);
                }
                catch (LedgerFormatException ex)
                {
                    problems.Add($"validator set {entry.Height} of {chain.Node}: does not decode at its byte {ex.Offset}: {ex.Message}");
                    continue;
                }

                if (set.Chain != chain.Node)
                {
                    problems.Add($"validator set {entry.Height} of {chain.Node}: names the chain of {set.Chain}");
                    continue;
                }

                var members = new CertificateRegistry(trustAnchor);
                var ignored = new List<Ledger.Chain.ChainDefect>();
                foreach (var member in set.Members)
                {
                    await RegistryLoader.AddAsync(pki, members, member.Id, ignored, cancellationToken).ConfigureAwait(false);
                }

                if (CertificationDefect(set, nodeRole, members) is { } defect)
                {
                    problems.Add($"validator set {entry.Height} of {chain.Node} ({set.Id.ToShortString()}): {defect}");
                    continue;
                }

                sets.Add(set);
            }
        }
    }
}
