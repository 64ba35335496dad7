using System.Runtime.InteropServices;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// What makes one household different from another: its archetype, level and noise, drawn by
/// <see cref="HouseholdLoadModel.CreateTraits"/> from (parameters, seed, household index) alone,
/// so a million households need no storage beyond these 32 bytes each (or none: recreate them).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct HouseholdTraits : IEquatable<HouseholdTraits>
{
    internal HouseholdTraits(ulong key, float dailyEnergyKWh, float noiseSigma, float habitSigma, float daySigma, float energyScale, byte archetype)
    {
        Key = key;
        DailyEnergyKWh = dailyEnergyKWh;
        NoiseSigma = noiseSigma;
        HabitSigma = habitSigma;
        DaySigma = daySigma;
        EnergyScale = energyScale;
        Archetype = archetype;
    }

    /// <summary>The household's random key: every random number of its load derives from it.</summary>
    public ulong Key { get; }

    /// <summary>Mean daily energy (kWh/day) at the reference temperature: the household's level.</summary>
    public float DailyEnergyKWh { get; }

    /// <summary>Log-normal sigma of the quarter-hour noise factor.</summary>
    public float NoiseSigma { get; }

    /// <summary>Log-normal sigma of the habit factor (the household's own, persistent daily pattern).</summary>
    public float HabitSigma { get; }

    /// <summary>Log-normal sigma of the day factor.</summary>
    public float DaySigma { get; }

    /// <summary>Level / 96 divided by the means of the noise, habit and day factors (kWh per quarter-hour).</summary>
    public float EnergyScale { get; }

    /// <summary>Index of the household's archetype in <see cref="LoadModelParameters.Archetypes"/>.</summary>
    public byte Archetype { get; }

    /// <inheritdoc />
    public bool Equals(HouseholdTraits other) =>
        Key == other.Key && DailyEnergyKWh.Equals(other.DailyEnergyKWh) && NoiseSigma.Equals(other.NoiseSigma) && HabitSigma.Equals(other.HabitSigma)
        && DaySigma.Equals(other.DaySigma) && EnergyScale.Equals(other.EnergyScale) && Archetype == other.Archetype;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is HouseholdTraits other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key, DailyEnergyKWh, Archetype);

    /// <summary>Equality of all fields.</summary>
    public static bool operator ==(HouseholdTraits left, HouseholdTraits right) => left.Equals(right);

    /// <summary>Inequality of any field.</summary>
    public static bool operator !=(HouseholdTraits left, HouseholdTraits right) => !left.Equals(right);
}
