using System.Collections.Immutable;
using System.Globalization;
using SmartGrid.Analytics.Attacks;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// A checked scenario turned into what the fleet runner needs: the fleet spec, the household model
/// with the scenario's archetype mix, each meter's conditions (thieves, voltage events, faults) and
/// the outages. Who steals, which meters are three-phase or faulty, and every draw follow from the
/// seed, so a plan is the same on every run. A meter to which nothing happens has no conditions
/// object: a fleet of millions costs nothing for its healthy meters.
/// </summary>
public sealed class ScenarioPlan
{
    private const ulong ThiefStream = 0x7468696566736574UL; // "thiefset"
    private const ulong PvStream = 0x7076726F6F667321UL; // "pvroofs!"
    private const ulong HeatingStream = 0x6865617470756D70UL; // "heatpump"
    private const ulong ThreePhaseStream = 0x3370686173657321UL; // "3phases!"
    private const ulong FaultStream = 0x6661756C74736574UL; // "faultset"
    private const ulong NeutralStream = 0x6E65757472616C73UL; // "neutrals"
    private const ulong FlatStream = 0x666C61746C696E65UL; // "flatline"

    private readonly ScenarioMeterConditions?[] _conditions;
    private readonly (int Concentrator, DateTimeOffset From, DateTimeOffset To)[] _outages;
    private readonly SolarModel _solar;

    /// <summary>Plans <paramref name="scenario"/>.</summary>
    /// <exception cref="ScenarioException">The scenario does not pass <see cref="ScenarioFile.Check"/>.</exception>
    public ScenarioPlan(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (ScenarioFile.Check(scenario) is { } problem)
        {
            throw new ScenarioException(scenario.Name, problem.Field, problem.Detail);
        }

        Scenario = scenario;
        var topology = scenario.Topology;
        Spec = new FleetSpec
        {
            Seed = scenario.Seed,
            Meters = checked((int)topology.Meters),
            Start = scenario.Start,
            Interval = scenario.Interval,
            UploadEvery = TimeSpan.FromTicks(TimeSpan.TicksPerDay / scenario.UploadsPerDay),
            MetersPerConcentrator = topology.MetersPerConcentrator,
            ConcentratorsPerSubstation = topology.ConcentratorsPerSubstation,
            AppliancesPerHousehold = topology.AppliancesPerHousehold,
        };
        LoadParameters = WithMix(LoadModelParameters.Default, scenario.Households);
        Model = new HouseholdLoadModel(LoadParameters, scenario.Seed);
        _solar = new SolarModel(scenario.Seed);
        _conditions = PlanMeters(scenario, Spec.Meters);
        var faulty = scenario.MeterFaults.IsEmpty ? [] : _conditions.Where(c => c?.Fault is not null).CountBy(c => c!.Fault!.Kind).ToDictionary();
        FaultyMeters = MeterFaultSpec.Kinds.ToImmutableSortedDictionary(k => k, k => faulty.GetValueOrDefault(k), StringComparer.Ordinal);
        ThreePhaseMeters = ThreePhaseShare(scenario) > 0 ? Enumerable.Range(0, Spec.Meters).Count(IsThreePhase) : 0;
        _outages = [.. scenario.Outages.SelectMany(o => o.Concentrators.Select(c => (ConcentratorIndex(c), Window(scenario, o.FromHour, o.Hours).From, Window(scenario, o.FromHour, o.Hours).To)))];
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The fleet the scenario runs.</summary>
    public FleetSpec Spec { get; }

    /// <summary>The calibrated load model's parameters with the scenario's archetype mix.</summary>
    public LoadModelParameters LoadParameters { get; }

    /// <summary>The household load model, seeded by the scenario.</summary>
    public HouseholdLoadModel Model { get; }

    /// <summary>The conditions of meter i (thief or voltage events), or null when nothing happens to it.</summary>
    public ScenarioMeterConditions? ConditionsOf(int meterIndex) => _conditions[meterIndex];

    /// <summary>Meters whose household steals.</summary>
    public int Thieves => _conditions.Count(c => c?.Attack is not null);

    /// <summary>Faulty meters by kind: every kind of <see cref="MeterFaultSpec.Kinds"/>, 0 when none has it.</summary>
    public ImmutableSortedDictionary<string, int> FaultyMeters { get; }

    /// <summary>Three-phase meters in the fleet.</summary>
    public int ThreePhaseMeters { get; }

    /// <summary>The fault of meter i, its ground truth (kind, window, parameters), or null when the meter works.</summary>
    public PlannedFault? FaultOf(int meterIndex) => _conditions[meterIndex]?.Fault;

    /// <summary>
    /// Whether meter i is three-phase (records the voltages of L1, L2 and L3): one uniform per meter
    /// from the seed, below <see cref="HouseholdMix.ThreePhase"/>.
    /// </summary>
    public bool IsThreePhase(int meterIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(meterIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(meterIndex, Spec.Meters);
        return DrawThreePhase(Scenario, meterIndex);
    }

    /// <summary>Builds the fleet: households of <see cref="Model"/> (with the scenario's PV and heating), each meter with its conditions and phases.</summary>
    public VirtualFleet CreateFleet()
    {
        var fleet = VirtualFleet.Create(Spec, index => CreateHousehold(Model, index));
        var threePhase = ThreePhaseShare(Scenario) > 0;
        for (var i = 0; i < fleet.Meters.Count; i++)
        {
            fleet.Meters[i].Conditions = _conditions[i];
            fleet.Meters[i].ThreePhase = threePhase && DrawThreePhase(Scenario, i);
        }

        return fleet;
    }

    /// <summary>The outages as the runner applies them, plus <paramref name="feederObserved"/>.</summary>
    public FleetConditions FleetConditions(Action<int, Ledger.Tiers.FeederReading>? feederObserved = null)
    {
        var perConcentrator = Spec.MetersPerConcentrator;
        return new FleetConditions
        {
            UplinkDown = _outages.Length == 0 ? null : (meter, slot) =>
            {
                var concentrator = meter / perConcentrator;
                foreach (var (c, from, to) in _outages)
                {
                    // The upload at `slot` carries the readings up to it: it fails when the slot lies in the outage.
                    if (c == concentrator && slot > from && slot <= to)
                    {
                        return true;
                    }
                }

                return false;
            },
            FeederObserved = feederObserved,
        };
    }

    /// <summary>
    /// Household <paramref name="index"/> of <paramref name="model"/> as this scenario equips it:
    /// whether it has PV (and how many kWp) and electric heating is drawn from the model's seed and
    /// the index, so a training fleet under another seed gets its own, equally equipped, households.
    /// </summary>
    public IHouseholdLoad CreateHousehold(HouseholdLoadModel model, long index)
    {
        ArgumentNullException.ThrowIfNull(model);
        var households = Scenario.Households;
        if (households?.Pv is null && households?.ElectricHeating is null)
        {
            return new ModelHousehold(model, index);
        }

        double kwp = 0, heating = 0, baseC = 0;
        if (households.Pv is { } pv)
        {
            var bits = SplitMix64.At(model.Seed ^ PvStream, index);
            if (SplitMix64.UnitInterval(bits) < pv.Fraction)
            {
                kwp = pv.KwpMin + ((pv.KwpMax - pv.KwpMin) * SplitMix64.UnitInterval(SplitMix64.Mix(bits)));
            }
        }

        if (households.ElectricHeating is { } electric && SplitMix64.UnitInterval(SplitMix64.At(model.Seed ^ HeatingStream, index)) < electric.Fraction)
        {
            heating = electric.KwPerDegree;
            baseC = electric.BaseTemperatureC;
        }

        return new ScenarioHousehold(model, index, heating, baseC, kwp > 0 ? _solar : null, kwp);
    }

    /// <summary>What meter i's household is equipped with: PV (kWp, 0 for none) and electric heating.</summary>
    public (double Kwp, bool ElectricHeating) EquipmentOf(int meterIndex) =>
        CreateHousehold(Model, meterIndex) is ScenarioHousehold household ? (household.Kwp, household.HeatingKwPerDegree > 0) : (0, false);

    /// <summary>The archetype name of meter i's household.</summary>
    public string ArchetypeOf(int meterIndex) => LoadParameters.Archetypes[Model.CreateTraits(meterIndex).Archetype].Name;

    /// <summary>The parameters with the archetype shares of <paramref name="mix"/> (archetypes without weight left out).</summary>
    public static LoadModelParameters WithMix(LoadModelParameters parameters, HouseholdMix? mix)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (mix is null || mix.Mix.Count == 0)
        {
            return parameters;
        }

        var total = mix.Mix.Values.Sum();
        ImmutableArray<ArchetypeParameters> archetypes =
        [
            .. parameters.Archetypes
                .Where(a => mix.Mix.GetValueOrDefault(a.Name) > 0)
                .Select(a => a with { Share = mix.Mix[a.Name] / total }),
        ];
        return parameters with { Archetypes = archetypes };
    }

    private static ScenarioMeterConditions?[] PlanMeters(Scenario scenario, int meters)
    {
        var conditions = new ScenarioMeterConditions?[meters];
        var perConcentrator = scenario.Topology.MetersPerConcentrator;
        var voltage = scenario.PowerQuality
            .SelectMany(e => e.Concentrators.Select(c => (Concentrator: ConcentratorIndex(c), Window: Window(scenario, e.FromHour, e.Hours), Factor: e.VoltagePercent / 100)))
            .ToLookup(e => e.Concentrator, e => (e.Window.From, e.Window.To, e.Factor));
        var listed = ListedFaultyMeters(scenario, meters);
        for (var i = 0; i < meters; i++)
        {
            var (group, type) = DrawAttacker(scenario.Seed, i, scenario.Attackers);
            var events = voltage[i / perConcentrator];
            var fault = scenario.MeterFaults.IsEmpty ? null : PlanFault(scenario, i, group is not null, listed);
            if (group is null && !events.Any() && fault is null)
            {
                continue;
            }

            conditions[i] = new ScenarioMeterConditions(scenario.Start, scenario.Seed, i, type, group, events, fault);
        }

        return conditions;
    }

    // The meters the fault groups name, by index, with their group; a neutral loss needs a three-phase meter.
    private static Dictionary<int, int> ListedFaultyMeters(Scenario scenario, int meters)
    {
        var listed = new Dictionary<int, int>();
        for (var g = 0; g < scenario.MeterFaults.Length; g++)
        {
            var group = scenario.MeterFaults[g];
            foreach (var id in group.Meters.IsDefault ? [] : group.Meters)
            {
                var index = ScenarioFile.MeterIndex(id, meters) ?? throw new ScenarioException(scenario.Name, $"meter_faults[{g}].meters", $"no meter '{id}' in this topology");
                if (group.Kind == MeterFaultSpec.NeutralLoss && !DrawThreePhase(scenario, index))
                {
                    throw new ScenarioException(scenario.Name, $"meter_faults[{g}].meters", $"meter {id} is single-phase; a neutral_loss needs a three-phase meter (households.three_phase draws them from the seed)");
                }

                listed[index] = g;
            }
        }

        return listed;
    }

    // Meter i's fault: its listed group, else (unless it steals, which keeps the theft's ground
    // truth clean) a draw: a three-phase meter first among the neutral-loss groups, then every
    // meter not drawn there among the others; fractions stack within each draw, as attackers do.
    private static PlannedFault? PlanFault(Scenario scenario, int meter, bool thief, Dictionary<int, int> listed)
    {
        if (!listed.TryGetValue(meter, out var g))
        {
            if (thief)
            {
                return null;
            }

            var neutral = DrawThreePhase(scenario, meter) ? DrawFaultGroup(scenario, NeutralStream, meter, neutralLoss: true) : null;
            if ((neutral ?? DrawFaultGroup(scenario, FaultStream, meter, neutralLoss: false)) is not { } drawn)
            {
                return null;
            }

            g = drawn;
        }

        var spec = scenario.MeterFaults[g];
        var (from, to) = Window(scenario, spec.FromHour, spec.Hours ?? 0);
        return new PlannedFault(spec.Kind, from, spec.Hours is null ? null : to)
        {
            Group = g,
            FlatWh = spec.Kind == MeterFaultSpec.Flat ? FlatWh(scenario, meter) : 0,
            PercentPerDay = spec.PercentPerDay ?? 0,
            UnbalancePercent = spec.Kind == MeterFaultSpec.NeutralLoss ? spec.UnbalancePercent ?? MeterFaultSpec.DefaultUnbalancePercent : 0,
        };
    }

    private static int? DrawFaultGroup(Scenario scenario, ulong stream, int meter, bool neutralLoss)
    {
        var u = SplitMix64.UnitInterval(SplitMix64.At(scenario.Seed ^ stream, meter));
        var cumulative = 0.0;
        for (var g = 0; g < scenario.MeterFaults.Length; g++)
        {
            var group = scenario.MeterFaults[g];
            if ((group.Kind == MeterFaultSpec.NeutralLoss) == neutralLoss && group.Fraction is { } fraction)
            {
                cumulative += fraction;
                if (u < cumulative)
                {
                    return g;
                }
            }
        }

        return null;
    }

    // A flat-lined register's frozen step: 20..300 Wh a quarter-hour, scaled to the interval, at least 1 Wh.
    private static long FlatWh(Scenario scenario, int meter)
    {
        var perQuarterHour = 20 + (280 * SplitMix64.UnitInterval(SplitMix64.At(scenario.Seed ^ FlatStream, meter)));
        return Math.Max(1, (long)Math.Round(perQuarterHour * scenario.ReadingIntervalMinutes / 15, MidpointRounding.ToEven));
    }

    private static double ThreePhaseShare(Scenario scenario) => scenario.Households?.ThreePhase ?? 0;

    private static bool DrawThreePhase(Scenario scenario, int meter)
    {
        var share = ThreePhaseShare(scenario);
        return share > 0 && SplitMix64.UnitInterval(SplitMix64.At(scenario.Seed ^ ThreePhaseStream, meter)) < share;
    }

    /// <summary>
    /// Whether meter <paramref name="meterIndex"/> of a fleet seeded with <paramref name="seed"/>
    /// steals, in which group and with which type: one uniform draw per meter places it in at most
    /// one group (fractions stacked), a second picks the group's type.
    /// </summary>
    public static (AttackerSpec? Group, AttackType? Type) DrawAttacker(ulong seed, long meterIndex, IReadOnlyList<AttackerSpec> attackers)
    {
        ArgumentNullException.ThrowIfNull(attackers);
        var bits = SplitMix64.At(seed ^ ThiefStream, meterIndex);
        var u = SplitMix64.UnitInterval(bits);
        var cumulative = 0.0;
        foreach (var attacker in attackers)
        {
            cumulative += attacker.Fraction;
            if (u < cumulative)
            {
                return (attacker, AttackTypes.Parse(attacker.Types[(int)(SplitMix64.Mix(bits) % (ulong)attacker.Types.Length)]));
            }
        }

        return (null, null);
    }

    /// <summary>What the theft screening needs of this scenario: its whole period, seed, screening settings and households.</summary>
    public TheftScreeningSetup ScreeningSetup() =>
        new(Scenario.Start, Scenario.Days, Scenario.Interval, Scenario.Seed, Scenario.TheftScreening, LoadParameters, CreateHousehold);

    private static int ConcentratorIndex(string id) => int.Parse(id.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture) - 1;

    private static (DateTimeOffset From, DateTimeOffset To) Window(Scenario scenario, double fromHour, double hours) =>
        (scenario.Start + TimeSpan.FromHours(fromHour), scenario.Start + TimeSpan.FromHours(fromHour + hours));
}
