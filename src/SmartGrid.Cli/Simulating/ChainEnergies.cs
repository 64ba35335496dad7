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
        long last = 0;
        await foreach (var block in client.ReadChainAsync(meter, 0, cancellationToken).ConfigureAwait(false))
        {
            var import = block.Profile.IndexOf(Obis.ActiveEnergyImport);
            if (import < 0)
            {
                continue;
            }

            foreach (var reading in block.Profile.Readings)
            {
                var register = reading.Values[import];
                energies.Add((reading.Start, (register - last) / 1000.0));
                last = register;
            }
        }

        return energies;
    }
}
