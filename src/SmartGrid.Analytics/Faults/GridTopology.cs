namespace SmartGrid.Analytics.Faults;

/// <summary>Which concentrator each meter hangs under, and (optionally) which feeder each concentrator is on.</summary>
public sealed class GridTopology
{
    private readonly Dictionary<string, string> _concentratorOf;
    private readonly Dictionary<string, string> _feederOf;

    /// <summary>Checks and copies the maps.</summary>
    /// <param name="concentratorOfMeter">Meter id to concentrator id.</param>
    /// <param name="feederOfConcentrator">Concentrator id to feeder id, or null when feeders are unknown.</param>
    /// <exception cref="AnalyticsInputException">The map is empty or an id is blank.</exception>
    public GridTopology(IReadOnlyDictionary<string, string> concentratorOfMeter, IReadOnlyDictionary<string, string>? feederOfConcentrator = null)
    {
        ArgumentNullException.ThrowIfNull(concentratorOfMeter);
        if (concentratorOfMeter.Count == 0)
        {
            throw new AnalyticsInputException("the topology holds no meter", nameof(concentratorOfMeter));
        }

        _concentratorOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (meter, concentrator) in concentratorOfMeter)
        {
            if (string.IsNullOrWhiteSpace(meter) || string.IsNullOrWhiteSpace(concentrator))
            {
                throw new AnalyticsInputException($"meter '{meter}' or its concentrator '{concentrator}' is blank", nameof(concentratorOfMeter));
            }

            _concentratorOf[meter] = concentrator;
        }

        _feederOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (concentrator, feeder) in feederOfConcentrator ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(concentrator) || string.IsNullOrWhiteSpace(feeder))
            {
                throw new AnalyticsInputException($"concentrator '{concentrator}' or its feeder '{feeder}' is blank", nameof(feederOfConcentrator));
            }

            _feederOf[concentrator] = feeder;
        }
    }

    /// <summary>Every meter, in ordinal order.</summary>
    public IReadOnlyList<string> Meters => _concentratorOf.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The concentrator of <paramref name="meterId"/>.</summary>
    /// <exception cref="AnalyticsInputException">The meter is not in the topology.</exception>
    public string ConcentratorOf(string meterId) =>
        _concentratorOf.TryGetValue(meterId, out var c) ? c : throw new AnalyticsInputException($"meter '{meterId}' is not in the topology", nameof(meterId));

    /// <summary>The feeder of <paramref name="concentratorId"/>, or null when not known.</summary>
    public string? FeederOf(string concentratorId) => _feederOf.GetValueOrDefault(concentratorId);

    /// <summary>The meters under <paramref name="concentratorId"/>, in ordinal order.</summary>
    public IReadOnlyList<string> MetersUnder(string concentratorId) =>
        _concentratorOf.Where(p => p.Value == concentratorId).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every concentrator, in ordinal order.</summary>
    public IReadOnlyList<string> Concentrators => _concentratorOf.Values.Distinct().Order(StringComparer.Ordinal).ToList();
}
