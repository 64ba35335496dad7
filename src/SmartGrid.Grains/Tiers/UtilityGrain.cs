using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Grains.Options;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tiers;

/// <summary>The utility tier's node: see <see cref="AnchorParentGrain"/>.</summary>
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
}
