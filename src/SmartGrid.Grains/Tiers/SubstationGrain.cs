using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Grains.Options;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tiers;

/// <summary>The substation tier's node: see <see cref="AnchorParentGrain"/>.</summary>
public sealed class SubstationGrain : AnchorParentGrain, ISubstationGrain
{
    /// <summary>Creates the grain (called by Orleans).</summary>
    public SubstationGrain(
        [PersistentState("substation", StorageNames.GrainState)] IPersistentState<AnchorNodeState> state,
        ILedgerStore ledger,
        IPkiStore pki,
        IOptions<LedgerOptions> options,
        LedgerClock clock,
        ILogger<SubstationGrain> logger)
        : base(state, ledger, pki, (options ?? throw new ArgumentNullException(nameof(options))).Value, clock, logger)
    {
    }

    /// <inheritdoc />
    protected override DeviceRole Role => DeviceRole.Substation;
}
