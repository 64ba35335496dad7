using System.Collections.Immutable;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Efficiency;

/// <summary>What one validator's area showed over the blocks its set committed, and its score at the last of them.</summary>
/// <param name="Chain">The chain its set commits (a substation, or the utility).</param>
/// <param name="ChainRole">The role of that chain's node.</param>
/// <param name="Validator">The validator (a concentrator, or a substation).</param>
/// <param name="Blocks">Blocks its set committed.</param>
/// <param name="Absent">Of those, the blocks in which its area showed nothing (POEF.md §4.1).</param>
/// <param name="ForecastErrorBp">Mean forecast error over the blocks in which it showed, bp.</param>
/// <param name="LossBp">Mean losses over the blocks in which it showed, bp.</param>
/// <param name="CompletenessBp">Mean completeness over the blocks in which it showed, bp.</param>
/// <param name="Score">Its efficiency score (ppm) in the table in force at the last block.</param>
public sealed record ValidatorEfficiency(DeviceId Chain, DeviceRole ChainRole, DeviceId Validator, int Blocks, int Absent, double ForecastErrorBp, double LossBp, double CompletenessBp, uint Score);

/// <summary>The credits a household earned and in how many blocks.</summary>
/// <param name="Household">The household's meter.</param>
/// <param name="MilliCredits">Milli-credits earned.</param>
/// <param name="Blocks">Blocks that rewarded it.</param>
public sealed record HouseholdCredits(DeviceId Household, ulong MilliCredits, int Blocks);

/// <summary>
/// The efficiency record of a deployment as its anchor chains hold it: every block stored with
/// commit evidence (POEF.md §9.1) carries the consensus block its validators agreed on, with the
/// areas' observations, the table in force and the households' rewards. Read for reports; the
/// certificates themselves are checked by <c>smartgrid audit</c>.
/// </summary>
/// <param name="CertifiedBlocks">Anchor blocks stored with commit evidence, by the role of their chain's node.</param>
/// <param name="Validators">Each validator's record, by chain then set order.</param>
/// <param name="Rewards">Each rewarded household's credits, most first (ties by id).</param>
/// <param name="Problems">Evidence or sets that could not be read, each named.</param>
public sealed record CommittedEfficiency(
    ImmutableSortedDictionary<DeviceRole, int> CertifiedBlocks,
    ImmutableArray<ValidatorEfficiency> Validators,
    ImmutableArray<HouseholdCredits> Rewards,
    ImmutableArray<string> Problems)
{
    /// <summary>Milli-credits handed out in all.</summary>
    public ulong MilliCredits => Rewards.Aggregate(0UL, (sum, r) => sum + r.MilliCredits);

    /// <summary>Area-blocks of the fog tier in which a concentrator's area showed nothing.</summary>
    public int AbsentAreaBlocks => Validators.Where(v => v.ChainRole == DeviceRole.Substation).Sum(v => v.Absent);

    /// <summary>Area-blocks of the fog tier, one per concentrator per block its set committed.</summary>
    public int AreaBlocks => Validators.Where(v => v.ChainRole == DeviceRole.Substation).Sum(v => v.Blocks);

    /// <summary>
    /// What the concentrators' areas showed on average over the blocks in which they showed (each
    /// validator's means weighted by those blocks), in bp; null when none showed.
    /// </summary>
    public (double ForecastErrorBp, double LossBp, double CompletenessBp)? AreaMeans()
    {
        var shown = Validators.Where(v => v.ChainRole == DeviceRole.Substation && v.Blocks > v.Absent).ToList();
        var blocks = shown.Sum(v => v.Blocks - v.Absent);
        if (blocks == 0)
        {
            return null;
        }

        double Mean(Func<ValidatorEfficiency, double> field) => shown.Sum(v => field(v) * (v.Blocks - v.Absent)) / blocks;
        return (Mean(v => v.ForecastErrorBp), Mean(v => v.LossBp), Mean(v => v.CompletenessBp));
    }

    /// <summary>Reads every substation and utility chain of <paramref name="store"/> and the validator sets stored with them.</summary>
    public static async Task<CommittedEfficiency> ReadAsync(ILedgerStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var problems = new List<string>();
        var sets = new Dictionary<Hash256, ValidatorSet>();
        await foreach (var chain in store.ListChainsAsync(StoredValidatorSets.Kind, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var entry in store.ReadAsync(chain, 0, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var set = ValidatorSet.Decode(entry.Bytes.Span);
                    sets[set.Id] = set;
                }
                catch (LedgerFormatException ex)
                {
                    problems.Add($"validator set {entry.Height} of {chain.Node} does not decode: {ex.Message}");
                }
            }
        }

        var certified = new SortedDictionary<DeviceRole, int>();
        var validators = new List<ValidatorEfficiency>();
        var credits = new Dictionary<DeviceId, (ulong MilliCredits, int Blocks)>();
        foreach (var role in new[] { DeviceRole.Substation, DeviceRole.Utility })
        {
            var chains = new List<ChainId>();
            await foreach (var chain in store.ListChainsAsync(role, cancellationToken).ConfigureAwait(false))
            {
                chains.Add(chain);
            }

            foreach (var chain in chains.OrderBy(c => c.Node))
            {
                var tally = new Dictionary<(Hash256 Set, int Index), Tally>();
                var last = new Dictionary<Hash256, ConsensusBlock>();
                await foreach (var entry in store.ReadAsync(chain, 0, cancellationToken).ConfigureAwait(false))
                {
                    ConsensusBlock block;
                    try
                    {
                        if (AnchorBlock.Decode(entry.Bytes.Span).Evidence is not { } evidence)
                        {
                            continue;
                        }

                        block = ConsensusBlock.Decode(evidence.ConsensusHeader.Span);
                    }
                    catch (LedgerFormatException ex)
                    {
                        problems.Add($"{chain} height {entry.Height}: the block or its evidence does not decode: {ex.Message}");
                        continue;
                    }

                    certified[role] = certified.GetValueOrDefault(role) + 1;
                    last[block.SetId] = block;
                    for (var i = 0; i < block.Observations.Length; i++)
                    {
                        var t = tally.TryGetValue((block.SetId, i), out var known) ? known : tally[(block.SetId, i)] = new Tally();
                        t.Add(block.Observations[i]);
                    }

                    foreach (var reward in block.Rewards)
                    {
                        var (sum, blocks) = credits.GetValueOrDefault(reward.Household);
                        credits[reward.Household] = (sum + reward.Credits, blocks + 1);
                    }
                }

                foreach (var ((setId, index), t) in tally.OrderBy(p => p.Key.Set.ToString()).ThenBy(p => p.Key.Index))
                {
                    if (!sets.TryGetValue(setId, out var set) || index >= set.Count)
                    {
                        problems.Add($"{chain}: blocks committed by set {setId.ToShortString()}, which is not stored with the deployment");
                        continue;
                    }

                    var claim = last[setId].Claim;
                    validators.Add(new ValidatorEfficiency(chain.Node, role, set[index].Id, t.Blocks, t.Absent, t.Mean(o => o.ForecastErrorBp), t.Mean(o => o.LossBp), t.Mean(o => o.CompletenessBp), index < claim.Length ? claim[index] : 0));
                }
            }
        }

        return new CommittedEfficiency(
            certified.ToImmutableSortedDictionary(),
            [.. validators],
            [.. credits.Select(p => new HouseholdCredits(p.Key, p.Value.MilliCredits, p.Value.Blocks)).OrderByDescending(c => c.MilliCredits).ThenBy(c => c.Household)],
            [.. problems.Distinct()]);
    }

    private sealed class Tally
    {
        private readonly List<EfficiencyObservation> _shown = [];

        public int Blocks { get; private set; }

        public int Absent => Blocks - _shown.Count;

        public void Add(EfficiencyObservation observation)
        {
            Blocks++;
            if (observation != AreaObservations.Absent)
            {
                _shown.Add(observation);
            }
        }

        public double Mean(Func<EfficiencyObservation, uint> field) => _shown.Count == 0 ? double.NaN : _shown.Average(o => (double)field(o));
    }
}
