using System.Collections.Immutable;
using System.Globalization;
using SmartGrid.Analytics.Attacks;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// A checked scenario turned into what the fleet runner needs: the fleet spec, the household model
/// with the scenario's archetype mix, each meter's conditions (thieves, voltage events) and the
/// outages. Who steals, how, and every draw follow from the seed, so a plan is the same on every run.
/// </summary>
public sealed class ScenarioPlan
{
    private const ulong ThiefStream = 0x7468696566736574UL; // "thiefset"
    private const ulong PvStream = 0x7076726F6F667321UL; // "pvroofs!"
    private const ulong HeatingStream = 0x6865617470756D70UL; // "heatpump"

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

    /// <summary>Builds the fleet: households of <see cref="Model"/> (with the scenario's PV and heating), each meter with its conditions.</summary>
    public VirtualFleet CreateFleet()
    {
        var fleet = VirtualFleet.Create(Spec, index => CreateHousehold(Model, index));
        for (var i = 0; i < fleet.Meters.Count; i++)
        {
            fleet.Meters[i].Conditions = _conditions[i];
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
        for (var i = 0; i < meters; i++)
        {
            // One uniform draw per meter places it in at most one attacker group (fractions stacked).
            var bits = SplitMix64.At(scenario.Seed ^ ThiefStream, i);
            var u = SplitMix64.UnitInterval(bits);
            AttackerSpec? group = null;
            var cumulative = 0.0;
            foreach (var attacker in scenario.Attackers)
            {
                cumulative += attacker.Fraction;
                if (u < cumulative)
                {
                    group = attacker;
                    break;
                }
            }

            var events = voltage[i / perConcentrator];
            if (group is null && !events.Any())
            {
                continue;
            }

            AttackType? type = group is null ? null : AttackTypes.Parse(group.Types[(int)(SplitMix64.Mix(bits) % (ulong)group.Types.Length)]);
            conditions[i] = new ScenarioMeterConditions(scenario, i, type, group, events);
        }

        return conditions;
    }

    private static int ConcentratorIndex(string id) => int.Parse(id.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture) - 1;

    private static (DateTimeOffset From, DateTimeOffset To) Window(Scenario scenario, double fromHour, double hours) =>
        (scenario.Start + TimeSpan.FromHours(fromHour), scenario.Start + TimeSpan.FromHours(fromHour + hours));
}
