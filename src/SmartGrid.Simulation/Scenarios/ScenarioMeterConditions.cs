using SmartGrid.Analytics.Attacks;
using SmartGrid.Simulation.Devices;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// One meter's conditions in a scenario: the theft its household commits (if any), the voltage
/// events on its feeder and the meter's own fault (if any). Deterministic: each day's attack is
/// drawn from the scenario seed, the meter and the day only. It records the days it actually
/// changed, the ground truth of the run; <see cref="Fault"/> is the fault's.
/// </summary>
public sealed class ScenarioMeterConditions : IMeterConditions
{
    private const ulong TheftDayStream = 0x7468656674646179UL; // "theftday"

    private readonly DateTimeOffset _start;
    private readonly ulong _seed;
    private readonly long _meterIndex;
    private readonly AttackerSpec? _attacker;
    private readonly (DateTimeOffset From, DateTimeOffset To, double Factor)[] _voltage;
    private readonly SortedSet<int> _stolenDays = [];

    /// <summary>Creates the conditions of meter <paramref name="meterIndex"/> of a fleet seeded with <paramref name="seed"/> whose day 0 starts at <paramref name="start"/> (midnight UTC).</summary>
    public ScenarioMeterConditions(DateTimeOffset start, ulong seed, long meterIndex, AttackType? attack, AttackerSpec? attacker, IEnumerable<(DateTimeOffset From, DateTimeOffset To, double Factor)> voltageEvents)
        : this(start, seed, meterIndex, attack, attacker, voltageEvents, fault: null)
    {
    }

    /// <summary>Creates the conditions of a meter that may also develop <paramref name="fault"/> (null: none).</summary>
    public ScenarioMeterConditions(DateTimeOffset start, ulong seed, long meterIndex, AttackType? attack, AttackerSpec? attacker, IEnumerable<(DateTimeOffset From, DateTimeOffset To, double Factor)> voltageEvents, PlannedFault? fault)
    {
        ArgumentNullException.ThrowIfNull(voltageEvents);
        if (attack.HasValue != attacker is not null)
        {
            throw new ArgumentException("an attack type needs its attacker group and the other way round", nameof(attack));
        }

        _start = start;
        _seed = seed;
        _meterIndex = meterIndex;
        Attack = attack;
        _attacker = attacker;
        _voltage = [.. voltageEvents];
        Fault = fault;
    }

    /// <summary>The meter's fault, its ground truth; null when the meter works.</summary>
    public PlannedFault? Fault { get; }

    /// <summary>The attack type this household uses, or null when it does not steal.</summary>
    public AttackType? Attack { get; }

    /// <summary>Days (0-based from the scenario's start) on which the meter reported other energies than the true ones.</summary>
    public IReadOnlyCollection<int> StolenDays
    {
        get
        {
            lock (_stolenDays)
            {
                return [.. _stolenDays];
            }
        }
    }

    /// <summary>Whether the meter reported other energies than the true ones on the UTC day <paramref name="date"/>.</summary>
    public bool IsStolen(DateOnly date)
    {
        var day = date.DayNumber - DateOnly.FromDateTime(_start.UtcDateTime).DayNumber;
        lock (_stolenDays)
        {
            return _stolenDays.Contains(day);
        }
    }

    /// <inheritdoc />
    public double[]? Tamper(DateTimeOffset dayStart, int firstInterval, ReadOnlySpan<double> trueKWh)
    {
        if (Attack is not { } type || _attacker is null)
        {
            return null;
        }

        var day = (int)((dayStart - _start).Ticks / TimeSpan.TicksPerDay);
        var bits = SplitMix64.At(_seed ^ TheftDayStream, (_meterIndex * 8_192) + day);
        if (day < _attacker.FromDay || SplitMix64.UnitInterval(bits) >= _attacker.DayProbability)
        {
            return null;
        }

        var reported = new AttackGenerator((int)(bits >> 33)).Attack(type, trueKWh).Readings.ToArray();
        for (var t = 0; t < reported.Length; t++)
        {
            // Whole Wh, as the meter's register counts: a day counts as stolen when a reading differs.
            if (Math.Round(reported[t] * 1000) != Math.Round(trueKWh[t] * 1000))
            {
                lock (_stolenDays)
                {
                    _stolenDays.Add(day);
                }

                break;
            }
        }

        return reported;
    }

    /// <inheritdoc />
    public double VoltageFactor(DateTimeOffset start)
    {
        foreach (var (from, to, factor) in _voltage)
        {
            if (start >= from && start < to)
            {
                return factor;
            }
        }

        return 1.0;
    }

    /// <inheritdoc />
    public double Register(DateTimeOffset start, double reportedKWh) => Fault?.Register(start, reportedKWh) ?? reportedKWh;

    /// <inheritdoc />
    public (double L1, double L2, double L3) PhaseFactors(DateTimeOffset start) => Fault?.PhaseFactors(start) ?? (1, 1, 1);
}
