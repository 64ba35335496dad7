using System.Collections.Concurrent;
using SmartGrid.Contracts.Tiers;

namespace SmartGrid.Grains.Tiers;

/// <summary>
/// The silo's grain references to concentrators, one per concentrator, shared by its meters:
/// resolving a reference (<c>GetGrain</c>) reads the interface's attributes each time, which
/// showed in profiles of the ingest path (a head notice per upload), while keeping one per meter
/// grain would cost a million meters a reference each.
/// </summary>
public sealed class TierReferences
{
    private readonly IGrainFactory _grains;
    private readonly ConcurrentDictionary<string, IConcentratorGrain> _concentrators = new(StringComparer.Ordinal);

    /// <summary>Creates the cache over the silo's grain factory.</summary>
    public TierReferences(IGrainFactory grains)
    {
        _grains = grains ?? throw new ArgumentNullException(nameof(grains));
    }

    /// <summary>The concentrator <paramref name="id"/>.</summary>
    public IConcentratorGrain Concentrator(string id) =>
        _concentrators.GetOrAdd(id, static (key, grains) => grains.GetGrain<IConcentratorGrain>(key), _grains);
}
