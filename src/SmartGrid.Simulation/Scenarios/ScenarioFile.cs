using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmartGrid.Analytics.Attacks;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// Reads and checks scenario files: JSON with snake_case keys; an unknown key is an error (a typo
/// must not silently fall back to a default), and every value is range-checked with the field named.
/// </summary>
public static class ScenarioFile
{
    /// <summary>How scenarios are read and written (snake_case keys, comments and trailing commas allowed, unknown keys refused).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Most meters a scenario may simulate.</summary>
    public const long MaxMeters = 10_000_000;

    /// <summary>Loads and checks the scenario in <paramref name="path"/>.</summary>
    /// <exception cref="ScenarioException">The file cannot be read, is not a scenario, or a value is out of range.</exception>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioException(path, "", $"cannot be read: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses and checks a scenario; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ScenarioException">The text is not a scenario, or a value is out of range.</exception>
    public static Scenario Parse(string json, string source = "scenario")
    {
        ArgumentNullException.ThrowIfNull(json);
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException(source, FieldOf(ex.Path), FirstSentence(ex.Message), ex);
        }

        if (scenario is null)
        {
            throw new ScenarioException(source, "", "the file holds no scenario (null)");
        }

        if (Check(scenario) is { } problem)
        {
            throw new ScenarioException(source, problem.Field, problem.Detail);
        }

        return scenario;
    }

    /// <summary>The JSON text of <paramref name="scenario"/>, as a result folder records it.</summary>
    public static string Write(Scenario scenario) => JsonSerializer.Serialize(scenario, Json);

    /// <summary>What is wrong with <paramref name="scenario"/> (field and detail), or null when it can run.</summary>
    public static (string Field, string Detail)? Check(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (string.IsNullOrWhiteSpace(scenario.Name) || scenario.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return ("name", $"a name is letters, digits, '-', '_' or '.', not '{scenario.Name}'");
        }

        if (scenario.Start.Offset != TimeSpan.Zero || scenario.Start.TimeOfDay != TimeSpan.Zero)
        {
            return ("start", $"the start must be midnight UTC (e.g. 2026-01-05T00:00:00Z), not {scenario.Start:O}");
        }

        if (scenario.Days is < 1 or > 3_650)
        {
            return ("days", Invariant($"a scenario simulates 1..3650 days, not {scenario.Days}"));
        }

        if (scenario.ReadingIntervalMinutes < 1 || 1_440 % scenario.ReadingIntervalMinutes != 0)
        {
            return ("reading_interval_minutes", Invariant($"the reading interval must divide a day (1, 5, 15, 30, 60 ... minutes), not {scenario.ReadingIntervalMinutes}"));
        }

        if (scenario.UploadsPerDay < 1 || scenario.IntervalsPerDay % scenario.UploadsPerDay != 0)
        {
            return ("uploads_per_day", Invariant($"uploads per day must divide the {scenario.IntervalsPerDay} readings of a day, not {scenario.UploadsPerDay}"));
        }

        if (CheckTopology(scenario.Topology) is { } topologyProblem)
        {
            return topologyProblem;
        }

        if (scenario.Households is { } households && CheckMix(households) is { } mixProblem)
        {
            return mixProblem;
        }

        for (var i = 0; i < scenario.Attackers.Length; i++)
        {
            if (CheckAttacker(scenario.Attackers[i], scenario.Days, $"attackers[{i}]") is { } attackerProblem)
            {
                return attackerProblem;
            }
        }

        if (scenario.Attackers.Sum(a => a.Fraction) > 1 + 1e-9)
        {
            return ("attackers", "the attackers' fractions add up to more than 1");
        }

        var concentrators = new HashSet<string>(Enumerable.Range(0, (int)scenario.Topology.Concentrators).Select(c => Fleet.FleetTopology.ConcentratorId(c).Value), StringComparer.Ordinal);
        for (var i = 0; i < scenario.Outages.Length; i++)
        {
            var outage = scenario.Outages[i];
            if (CheckWindow(outage.FromHour, outage.Hours, outage.Concentrators, concentrators, scenario.Days, $"outages[{i}]") is { } outageProblem)
            {
                return outageProblem;
            }
        }

        for (var i = 0; i < scenario.PowerQuality.Length; i++)
        {
            var pq = scenario.PowerQuality[i];
            var field = $"power_quality[{i}]";
            if (pq.Kind is not ("sag" or "swell"))
            {
                return (field + ".kind", $"a power-quality event is 'sag' or 'swell', not '{pq.Kind}'");
            }

            if (!double.IsFinite(pq.VoltagePercent) || (pq.Kind == "sag" ? pq.VoltagePercent is < 1 or >= 100 : pq.VoltagePercent is <= 100 or > 200))
            {
                return (field + ".voltage_percent", Invariant($"a {pq.Kind} scales the voltage to {(pq.Kind == "sag" ? "1..99" : "101..200")} percent, not {pq.VoltagePercent}"));
            }

            if (CheckWindow(pq.FromHour, pq.Hours, pq.Concentrators, concentrators, scenario.Days, field) is { } windowProblem)
            {
                return windowProblem;
            }
        }

        if (CheckFaults(scenario) is { } faultProblem)
        {
            return faultProblem;
        }

        var screening = scenario.TheftScreening;
        if (screening.TrainingHouseholds is < 20 or > 100_000)
        {
            return ("theft_screening.training_households", Invariant($"the training fleet has 20..100,000 households, not {screening.TrainingHouseholds}"));
        }

        if (screening.TrainingAttackFraction is <= 0 or >= 1 || double.IsNaN(screening.TrainingAttackFraction))
        {
            return ("theft_screening.training_attack_fraction", Invariant($"the share of attacked training days is in (0, 1), not {screening.TrainingAttackFraction}"));
        }

        if (screening.TargetFalsePositiveRate is <= 0 or >= 1 || double.IsNaN(screening.TargetFalsePositiveRate))
        {
            return ("theft_screening.target_false_positive_rate", Invariant($"the target false-positive rate is in (0, 1), not {screening.TargetFalsePositiveRate}"));
        }

        return null;
    }

    private static (string, string)? CheckTopology(ScenarioTopology? topology)
    {
        if (topology is null)
        {
            return ("topology", "a scenario needs a topology");
        }

        if (topology.Substations is < 1 or > 9_999)
        {
            return ("topology.substations", Invariant($"1..9,999 substations, not {topology.Substations}"));
        }

        if (topology.ConcentratorsPerSubstation is < 1 or > 65_536)
        {
            return ("topology.concentrators_per_substation", Invariant($"1..65,536 concentrators per substation, not {topology.ConcentratorsPerSubstation}"));
        }

        if (topology.MetersPerConcentrator is < 1 or > 65_536)
        {
            return ("topology.meters_per_concentrator", Invariant($"1..65,536 meters per concentrator, not {topology.MetersPerConcentrator}"));
        }

        if (topology.Meters > MaxMeters)
        {
            return ("topology", Invariant($"the topology has {topology.Meters:N0} meters, more than {MaxMeters:N0}"));
        }

        return topology.AppliancesPerHousehold is < 0 or > Fleet.FleetSpec.MaxAppliancesPerHousehold
            ? ("topology.appliances_per_household", Invariant($"0..{Fleet.FleetSpec.MaxAppliancesPerHousehold} appliances per household, not {topology.AppliancesPerHousehold}"))
            : null;
    }

    private static (string, string)? CheckMix(HouseholdMix households)
    {
        var names = LoadModelParameters.Default.Archetypes.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, weight) in households.Mix)
        {
            if (!names.Contains(name))
            {
                return ($"households.mix.{name}", $"no archetype '{name}'; the calibrated model has {string.Join(", ", names.Order(StringComparer.Ordinal))}");
            }

            if (!double.IsFinite(weight) || weight < 0)
            {
                return ($"households.mix.{name}", Invariant($"a weight is a finite number >= 0, not {weight}"));
            }
        }

        if (households.Mix.Count > 0 && households.Mix.Values.Sum() <= 0)
        {
            return ("households.mix", "at least one archetype needs a positive weight");
        }

        if (households.Pv is { } pv)
        {
            if (pv.Fraction is < 0 or > 1 || double.IsNaN(pv.Fraction))
            {
                return ("households.pv.fraction", Invariant($"a share of households is 0..1, not {pv.Fraction}"));
            }

            if (!double.IsFinite(pv.KwpMin) || !double.IsFinite(pv.KwpMax) || pv.KwpMin <= 0 || pv.KwpMax < pv.KwpMin || pv.KwpMax > 1_000)
            {
                return ("households.pv", Invariant($"kwp_min and kwp_max must satisfy 0 < min <= max <= 1000 kWp, not {pv.KwpMin}..{pv.KwpMax}"));
            }
        }

        if (households.ThreePhase is < 0 or > 1 || double.IsNaN(households.ThreePhase))
        {
            return ("households.three_phase", Invariant($"a share of households is 0..1, not {households.ThreePhase}"));
        }

        if (households.ElectricHeating is { } heating)
        {
            if (heating.Fraction is < 0 or > 1 || double.IsNaN(heating.Fraction))
            {
                return ("households.electric_heating.fraction", Invariant($"a share of households is 0..1, not {heating.Fraction}"));
            }

            if (heating.KwPerDegree is <= 0 or > 10 || double.IsNaN(heating.KwPerDegree))
            {
                return ("households.electric_heating.kw_per_degree", Invariant($"heating power is in (0, 10] kW per °C, not {heating.KwPerDegree}"));
            }

            if (heating.BaseTemperatureC is < -10 or > 30 || double.IsNaN(heating.BaseTemperatureC))
            {
                return ("households.electric_heating.base_temperature_c", Invariant($"the heating base is -10..30 °C, not {heating.BaseTemperatureC}"));
            }
        }

        return null;
    }

    private static (string, string)? CheckAttacker(AttackerSpec attacker, int days, string field)
    {
        if (attacker.Types.IsDefaultOrEmpty)
        {
            return (field + ".types", "name at least one attack type (h1..h6, offset, cap, ramp)");
        }

        foreach (var label in attacker.Types)
        {
            if (label is null || AttackTypes.Parse(label) is null)
            {
                return (field + ".types", $"unknown attack type '{label}'; known: {string.Join(", ", AttackTypes.All.Select(AttackTypes.Label))}");
            }
        }

        if (attacker.Fraction is < 0 or > 1 || double.IsNaN(attacker.Fraction))
        {
            return (field + ".fraction", Invariant($"a share of households is 0..1, not {attacker.Fraction}"));
        }

        if (attacker.FromDay < 0 || attacker.FromDay >= days)
        {
            return (field + ".from_day", Invariant($"the first day of theft is 0..{days - 1} (the scenario has {days} days), not {attacker.FromDay}"));
        }

        return attacker.DayProbability is <= 0 or > 1 || double.IsNaN(attacker.DayProbability)
            ? (field + ".day_probability", Invariant($"a probability in (0, 1], not {attacker.DayProbability}"))
            : null;
    }

    private static (string, string)? CheckFaults(Scenario scenario)
    {
        var meters = scenario.Topology.Meters;
        var threePhase = scenario.Households?.ThreePhase ?? 0;
        var listed = new Dictionary<string, int>(StringComparer.Ordinal);
        double registerShare = 0, neutralShare = 0;
        for (var i = 0; i < scenario.MeterFaults.Length; i++)
        {
            var fault = scenario.MeterFaults[i];
            var field = $"meter_faults[{i}]";
            if (fault is null)
            {
                return (field, "a fault group is an object, not null");
            }

            if (fault.Kind is null || !MeterFaultSpec.Kinds.Contains(fault.Kind))
            {
                return (field + ".kind", $"a meter fault is one of {string.Join(", ", MeterFaultSpec.Kinds)}, not '{fault.Kind}'");
            }

            var drift = fault.Kind == MeterFaultSpec.Drift;
            var neutral = fault.Kind == MeterFaultSpec.NeutralLoss;
            if (!drift && fault.PercentPerDay is not null)
            {
                return (field + ".percent_per_day", $"only a drift fault takes percent_per_day, not a {fault.Kind} one");
            }

            if (!neutral && fault.UnbalancePercent is not null)
            {
                return (field + ".unbalance_percent", $"only a neutral_loss fault takes unbalance_percent, not a {fault.Kind} one");
            }

            if (fault.Fraction is null && fault.Meters.IsDefaultOrEmpty)
            {
                return (field, "name a fraction of the meters, meters by id, or both");
            }

            if (fault.Fraction is { } fraction)
            {
                if (fraction is < 0 or > 1 || double.IsNaN(fraction))
                {
                    return (field + ".fraction", Invariant($"a share of meters is 0..1, not {fraction}"));
                }

                if (neutral && fraction > 0 && threePhase <= 0)
                {
                    return (field + ".fraction", "neutral_loss draws among the three-phase meters, and households.three_phase is 0");
                }

                registerShare += neutral ? 0 : fraction;
                neutralShare += neutral ? fraction : 0;
            }

            foreach (var id in fault.Meters.IsDefault ? [] : fault.Meters)
            {
                if (MeterIndex(id, meters) is null)
                {
                    return (field + ".meters", Invariant($"no meter '{id}' in this topology (ids run MTR-0000001 .. MTR-{meters:D7})"));
                }

                if (!listed.TryAdd(id, i))
                {
                    return (field + ".meters", $"meter {id} is already in meter_faults[{listed[id]}]; a meter has at most one fault");
                }
            }

            if (CheckPeriod(fault.FromHour, fault.Hours, scenario.Days, field) is { } periodProblem)
            {
                return periodProblem;
            }

            if (drift && (fault.PercentPerDay is not { } percent || !double.IsFinite(percent) || percent == 0 || Math.Abs(percent) > 100))
            {
                return (field + ".percent_per_day", Invariant($"a drift fault needs percent_per_day, nonzero and -100..100 (negative: the meter under-reads), not {fault.PercentPerDay?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
            }

            if (fault.UnbalancePercent is { } unbalance && (unbalance is < 1 or > 50 || double.IsNaN(unbalance)))
            {
                return (field + ".unbalance_percent", Invariant($"a lost neutral unbalances the phases by 1..50 percent, not {unbalance}"));
            }
        }

        if (registerShare > 1 + 1e-9)
        {
            return ("meter_faults", "the fractions of the stuck, flat, reversed and drift groups add up to more than 1");
        }

        return neutralShare > 1 + 1e-9
            ? ("meter_faults", "the fractions of the neutral_loss groups (of the three-phase meters) add up to more than 1")
            : null;
    }

    /// <summary>The index of meter <paramref name="id"/> (<c>MTR-0000001</c> is 0) in a fleet of <paramref name="meters"/>, or null when it names none.</summary>
    internal static int? MeterIndex(string? id, long meters)
    {
        const string prefix = "MTR-";
        if (id is null || id.Length != prefix.Length + 7 || !id.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < 1 || number > meters)
        {
            return null;
        }

        return number - 1;
    }

    // A window of hours after the scenario's start: it must start inside the scenario; null hours run to its end.
    private static (string, string)? CheckPeriod(double fromHour, double? hours, int days, string field)
    {
        if (!double.IsFinite(fromHour) || fromHour < 0 || fromHour >= days * 24.0)
        {
            return (field + ".from_hour", Invariant($"the start is 0..{days * 24} hours after the scenario's start, not {fromHour}"));
        }

        return hours is { } h && (!double.IsFinite(h) || h <= 0)
            ? (field + ".hours", Invariant($"a duration is a positive number of hours, not {h}"))
            : null;
    }

    private static (string, string)? CheckWindow(double fromHour, double hours, System.Collections.Immutable.ImmutableArray<string> ids, HashSet<string> known, int days, string field)
    {
        if (CheckPeriod(fromHour, hours, days, field) is { } periodProblem)
        {
            return periodProblem;
        }

        if (ids.IsDefaultOrEmpty)
        {
            return (field + ".concentrators", "name at least one concentrator");
        }

        foreach (var id in ids)
        {
            if (id is null || !known.Contains(id))
            {
                return (field + ".concentrators", $"no concentrator '{id}' in this topology (ids run {known.Min(StringComparer.Ordinal)} .. {known.Max(StringComparer.Ordinal)})");
            }
        }

        return null;
    }

    private static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "";
        }

        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }

    // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the field is reported separately.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
