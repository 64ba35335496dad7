using System.Runtime.CompilerServices;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Ledger.Tiers;

/// <summary>One event as an anchor chain records it: the chain, the block's height, the event.</summary>
/// <param name="Chain">The concentrator, substation or utility chain.</param>
/// <param name="Height">Height of the block that signed it.</param>
/// <param name="Event">The event.</param>
public readonly record struct RecordedEvent(ChainId Chain, long Height, ChainEvent Event);

/// <summary>
/// Reads the events the anchor chains of a ledger store recorded (analytics verdicts, theft alarms),
/// chain by chain in the store's order, block by block. A block that does not decode is skipped:
/// reading events is not auditing, and <see cref="LedgerAuditor"/> names such a record.
/// </summary>
public static class RecordedEvents
{
    /// <summary>The anchor-chain roles, from the fog tier up.</summary>
    public static readonly IReadOnlyList<DeviceRole> AnchorRoles = [DeviceRole.Concentrator, DeviceRole.Substation, DeviceRole.Utility];

    /// <summary>Every event of the chains of <paramref name="roles"/>, or only those of kind <paramref name="only"/>.</summary>
    public static async IAsyncEnumerable<RecordedEvent> ReadAsync(
        ILedgerStore store, IEnumerable<DeviceRole> roles, ChainEventKind? only = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in roles)
        {
            await foreach (var chain in store.ListChainsAsync(role, cancellationToken).ConfigureAwait(false))
            {
                await foreach (var entry in store.ReadAsync(chain, 0, cancellationToken).ConfigureAwait(false))
                {
                    AnchorBlock block;
                    try
                    {
                        block = AnchorBlock.Decode(entry.Bytes.Span);
                    }
                    catch (LedgerFormatException)
                    {
                        continue;
                    }

                    foreach (var item in block.Header.Events)
                    {
                        if (only is null || item.Kind == only)
                        {
                            yield return new RecordedEvent(chain, entry.Height, item);
                        }
                    }
                }
            }
        }
    }
}
