using System.Collections.Immutable;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Simulation.Fleet;

/// <summary>
/// An explicit hierarchy for a simulated fleet (a topology file): the utility, its substations,
/// their concentrators and how many meters each concentrator serves. Meters are numbered in file
/// order, so the same file gives the same fleet.
/// </summary>
public sealed record TopologySpec
{
    /// <summary>The utility's id.</summary>
    public string Utility { get; init; } = "UTILITY";

    /// <summary>The substations, in order.</summary>
    public ImmutableArray<SubstationSpec> Substations { get; init; } = [];

    /// <summary>Meters in the whole topology.</summary>
    public int Meters => Substations.IsDefault ? 0 : Substations.Sum(s => s.Concentrators.IsDefault ? 0 : s.Concentrators.Sum(c => c.Meters));

    /// <summary>Why the topology cannot be used (bad or repeated ids, an empty level, a concentrator without meters), or null.</summary>
    public string? Validate()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? Check(string? id, string what)
        {
            if (!DeviceId.TryParse(id, out _, out var error))
            {
                return $"{what} id '{id}': {error}";
            }

            return ids.Add(id!) ? null : $"{what} id '{id}' appears twice";
        }

        if (Check(Utility, "utility") is { } utilityError)
        {
            return utilityError;
        }

        if (Substations.IsDefaultOrEmpty)
        {
            return "a topology needs at least one substation";
        }

        foreach (var substation in Substations)
        {
            if (Check(substation.Id, "substation") is { } error)
            {
                return error;
            }

            if (substation.Concentrators.IsDefaultOrEmpty)
            {
                return $"substation '{substation.Id}' has no concentrator";
            }

            foreach (var concentrator in substation.Concentrators)
            {
                if (Check(concentrator.Id, "concentrator") is { } concentratorError)
                {
                    return concentratorError;
                }

                if (concentrator.Meters is < 1 or > 65_536)
                {
                    return $"concentrator '{concentrator.Id}' must serve 1..65,536 meters, not {concentrator.Meters}";
                }
            }
        }

        return Meters > 10_000_000 ? $"a topology has at most 10,000,000 meters, not {Meters}" : null;
    }
}
