using SmartGrid.Client;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;

namespace SmartGrid.Cli.Simulating;

/// <summary>A simulated meter's interval energies as its chain holds them: the steps of its import register.</summary>
public static class ChainEnergies
{
    /// <summary>
    /// Each reading's start and energy (kWh), oldest first, read through the SDK (only blocks the
    /// chain accepted). A simulated meter's register starts at zero, so its first step is its first reading.
    /// </summary>
    public static async Task<List<(DateTimeOffset Start, double KWh)>> ReadAsync(SmartGridClient client, DeviceId meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var energies = new List<(DateTimeOffset, double)>();
        var steps = new ImportSteps();
        await foreach (var block in client.ReadChainAsync(meter, 0, cancellationToken).ConfigureAwait(false))
        {
            energies.AddRange(steps.Of(block).Select(s => (s.Start, s.Wh / 1000.0)));
        }

        return energies;
    }
}
