using SmartGrid.Ledger.Crypto;

namespace SmartGrid.Grains.Options;

/// <summary>How chain grains check and keep blocks. Validated at silo start by <see cref="LedgerOptionsValidator"/>.</summary>
public sealed class LedgerOptions
{
    /// <summary>
    /// The utility root's public key: every certificate and revocation must verify under it.
    /// Required; there is no default trust.
    /// </summary>
    public PublicKey? TrustAnchor { get; set; }

    /// <summary>How far a device clock may run ahead of the silo's. Default 5 minutes.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Recent blocks a chain grain keeps in memory, encoded (its head included). Default 1, the
    /// head block, at most 1,024: a million meters each keeping a day of blocks would not fit one
    /// silo (DESIGN.md §7); older blocks are one store read away.
    /// </summary>
    public int RecentWindow { get; set; } = 1;

    /// <summary>Most blocks one read returns. Default 1,000.</summary>
    public int MaxBlocksPerRead { get; set; } = 1_000;

    /// <summary>Most blocks one ingest-many call accepts. Default 1,000.</summary>
    public int MaxBlocksPerIngest { get; set; } = 1_000;

    /// <summary>Most appliances one household meter may carry reports for. Default 64, at most 4,096.</summary>
    public int MaxAppliancesPerMeter { get; set; } = 64;

    /// <summary>How often a meter grain writes its rejection counters when they changed. Default 1 minute.</summary>
    public TimeSpan StatisticsFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often an anchoring node (concentrator, substation, utility) seals a block over the
    /// child heads that changed, on its own timer; <see cref="TimeSpan.Zero"/> leaves sealing to
    /// explicit <c>SealAsync</c>/<c>SealTreeAsync</c> calls (simulations drive it per interval).
    /// </summary>
    public TimeSpan AnchorSealInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Whether concentrators hand each sealed interval to their area analytics (energy balance,
    /// voltage, reversed registers, silent meters, outages). Default true.
    /// </summary>
    public bool AreaAnalytics { get; set; } = true;

    /// <summary>
    /// Whether each meter grain runs its household's edge analytics on the interval energies of
    /// every block it appends (<c>IHouseholdAnalyticsGrain</c>, a couple of kilobytes per meter). Default true.
    /// </summary>
    public bool HouseholdAnalytics { get; set; } = true;
}
