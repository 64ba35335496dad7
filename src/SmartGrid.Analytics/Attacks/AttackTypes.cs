namespace SmartGrid.Analytics.Attacks;

/// <summary>The attack-type sets used in evaluation and their short labels (<c>h1</c>..<c>h6</c>, <c>offset</c>, <c>cap</c>, <c>ramp</c>).</summary>
public static class AttackTypes
{
    /// <summary>The six types of Jokar et al. (2016), h1 to h6.</summary>
    public static IReadOnlyList<AttackType> Jokar { get; } =
        [AttackType.H1Scale, AttackType.H2ZeroWindow, AttackType.H3RandomScale, AttackType.H4RandomMean, AttackType.H5Mean, AttackType.H6Reversal];

    /// <summary>Every type: h1 to h6, then offset, cap and ramp.</summary>
    public static IReadOnlyList<AttackType> All { get; } = [.. Jokar, AttackType.Offset, AttackType.Cap, AttackType.Ramp];

    /// <summary>The short label of <paramref name="type"/>: <c>h1</c>..<c>h6</c>, <c>offset</c>, <c>cap</c> or <c>ramp</c>.</summary>
    public static string Label(AttackType type) => type switch
    {
        AttackType.H1Scale => "h1",
        AttackType.H2ZeroWindow => "h2",
        AttackType.H3RandomScale => "h3",
        AttackType.H4RandomMean => "h4",
        AttackType.H5Mean => "h5",
        AttackType.H6Reversal => "h6",
        AttackType.Offset => "offset",
        AttackType.Cap => "cap",
        AttackType.Ramp => "ramp",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown attack type."),
    };

    /// <summary>Parses a short label (case-insensitive); null when it names no type.</summary>
    public static AttackType? Parse(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        foreach (var type in All)
        {
            if (string.Equals(Label(type), label.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }
}
