using System.Collections.Immutable;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Devices;

/// <summary>
/// A simulated smart meter as the device itself: it owns its private key and its own chain head,
/// integrates its household's load into registers, and seals batches of interval readings into
/// signed blocks. It holds keys, head and registers only, never its history. Its household's smart
/// appliances (<see cref="Appliances"/>) each sign one report per block over the block's readings,
/// which the block carries (format version 2; version 1 when the household has none).
/// </summary>
public sealed class VirtualMeter
{
    /// <summary>What a single-phase virtual meter records each interval.</summary>
    public static readonly ImmutableArray<Channel> Channels =
    [
        Channel.ActiveEnergyImportWh,
        Channel.ActiveEnergyExportWh,
        Channel.VoltageL1,
        Channel.CurrentL1,
        Channel.PowerFactor,
        Channel.Frequency,
    ];

    /// <summary>What a three-phase virtual meter (<see cref="ThreePhase"/>) records each interval: the voltages of all three phases.</summary>
    public static readonly ImmutableArray<Channel> ThreePhaseChannels =
    [
        Channel.ActiveEnergyImportWh,
        Channel.ActiveEnergyExportWh,
        Channel.VoltageL1,
        Channel.VoltageL2,
        Channel.VoltageL3,
        Channel.CurrentL1,
        Channel.PowerFactor,
        Channel.Frequency,
    ];

    private const double NominalVoltage = 230.0;
    private const double NominalFrequency = 50.0;
    private const ulong PhaseL2NoiseStream = 0x7068617365204C32UL; // "phase L2"
    private const ulong PhaseL3NoiseStream = 0x7068617365204C33UL; // "phase L3"

    private readonly IHouseholdLoad _load;
    private readonly Queue<MeterBlock> _outbox = new();
    private readonly ulong _noiseSeed;
    private long _importWh;
    private long _exportWh;
    private long _consumedWh;
    private long _exportedWh;
    private bool _threePhase;

    // With conditions that tamper, a whole UTC day is drawn from the load ahead (a tampered meter
    // rewrites the day, h6 reverses it): the true and the reported energies of that day.
    private DateTimeOffset _dayStart = DateTimeOffset.MinValue;
    private double[]? _trueDay;
    private double[]? _reportedDay;
    private double[]? _exportDay;

    /// <summary>Creates a meter whose first reading starts at <paramref name="clock"/>.</summary>
    public VirtualMeter(DeviceId id, SigningKeyPair key, IHouseholdLoad load, ulong noiseSeed, DateTimeOffset clock, TimeSpan interval)
        : this(id, key, load, noiseSeed, clock, interval, [])
    {
    }

    /// <summary>Creates a meter whose household has smart <paramref name="appliances"/> reporting through it.</summary>
    public VirtualMeter(DeviceId id, SigningKeyPair key, IHouseholdLoad load, ulong noiseSeed, DateTimeOffset clock, TimeSpan interval, IReadOnlyList<VirtualAppliance> appliances)
    {
        ArgumentNullException.ThrowIfNull(appliances);
        if (appliances.Any(a => a.Household != id))
        {
            throw new ArgumentException($"every appliance of meter '{id}' must name it as its household", nameof(appliances));
        }

        Appliances = appliances;
        if (interval <= TimeSpan.Zero || TimeSpan.FromDays(1).Ticks % interval.Ticks != 0 || interval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"the reading interval must be whole seconds dividing a day, not {interval}", nameof(interval));
        }

        Id = id;
        Key = key ?? throw new ArgumentNullException(nameof(key));
        _load = load ?? throw new ArgumentNullException(nameof(load));
        _noiseSeed = noiseSeed;
        Clock = clock;
        Interval = interval;
    }

    /// <summary>The household's smart appliances, whose reports the meter's blocks carry.</summary>
    public IReadOnlyList<VirtualAppliance> Appliances { get; }

    /// <summary>The meter's identity.</summary>
    public DeviceId Id { get; }

    /// <summary>The meter's signing key.</summary>
    public SigningKeyPair Key { get; }

    /// <summary>Serial of the certificate the meter signs under (set when provisioned).</summary>
    public ulong KeySerial { get; set; }

    /// <summary>Sequence number of the next block.</summary>
    public ulong Sequence { get; private set; }

    /// <summary>Hash of the last block the meter sealed.</summary>
    public Hash256 Head { get; private set; } = Hash256.Zero;

    /// <summary>End of the last reading taken; the next reading starts here.</summary>
    public DateTimeOffset Clock { get; private set; }

    /// <summary>Length of one reading.</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// Blocks sealed but not yet acknowledged by the chain, oldest first: what the device stores
    /// and forwards while its uplink is down. Empty in steady operation.
    /// </summary>
    public IReadOnlyCollection<MeterBlock> Outbox => _outbox;

    /// <summary>The import register, whole Wh, as the meter displays it.</summary>
    public long ImportRegisterWh => _importWh;

    /// <summary>
    /// Energy the household really drew from the grid (net of its own generation) since the meter
    /// was created or resumed, whole Wh: what the feeder delivers to it. Equals the import
    /// register's growth unless <see cref="Conditions"/> tamper with it.
    /// </summary>
    public long ConsumedWh => _consumedWh;

    /// <summary>Energy exported since the meter was created or resumed, whole Wh (a household with PV).</summary>
    public long ExportedWh => _exportedWh;

    /// <summary>What happens to this meter besides its load (theft, voltage events, faults); null: nothing.</summary>
    public IMeterConditions? Conditions { get; set; }

    /// <summary>
    /// Whether the meter is three-phase: it then records <see cref="ThreePhaseChannels"/> (the
    /// voltages of L1, L2 and L3, the household's load spread evenly over them) instead of
    /// <see cref="Channels"/>. Default false. Set it before the meter's first block (or before
    /// <see cref="Resume"/>): a meter's channels never change along its chain.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set after the meter sealed or resumed a block.</exception>
    public bool ThreePhase
    {
        get => _threePhase;
        set
        {
            if (Sequence != 0)
            {
                throw new InvalidOperationException($"meter {Id}: ThreePhase is set before its first block, not at sequence {Sequence}");
            }

            _threePhase = value;
        }
    }

    /// <summary>The channels this meter records: <see cref="ThreePhaseChannels"/> or <see cref="Channels"/>.</summary>
    public ImmutableArray<Channel> RecordedChannels => _threePhase ? ThreePhaseChannels : Channels;

    /// <summary>
    /// Takes the readings from <see cref="Clock"/> up to <paramref name="until"/> (whole intervals)
    /// and seals them into the next block at <paramref name="sealedAt"/>; the meter's head moves
    /// to the new block. Returns null when no whole interval has passed.
    /// </summary>
    public MeterBlock? Seal(DateTimeOffset until, DateTimeOffset sealedAt)
    {
        var count = (int)Math.Min((until - Clock).Ticks / Interval.Ticks, LoadProfile.MaxReadings);
        if (count <= 0)
        {
            return null;
        }

        var readings = ImmutableArray.CreateBuilder<IntervalReading>(count);
        var drawn = new long[Appliances.Count];
        var hours = Interval.TotalHours;
        var channels = RecordedChannels;
        for (var i = 0; i < count; i++)
        {
            var start = Clock;
            var (kwh, reportedKWh, exportKWh) = NextInterval(start);

            // Whole Wh per interval, so the register after any block is exact and a meter that
            // resumes from its last block continues exactly as if it had never stopped. A faulty
            // register counts otherwise than the meter measures; the household's smart appliances
            // still draw (and report) what they really draw.
            var measuredWh = (long)Math.Round(reportedKWh * 1000, MidpointRounding.ToEven);
            var wh = Conditions is null ? measuredWh : (long)Math.Round(Conditions.Register(start, reportedKWh) * 1000, MidpointRounding.ToEven);
            _importWh += wh;
            _consumedWh += (long)Math.Round(kwh * 1000, MidpointRounding.ToEven);
            var exportWh = (long)Math.Round(exportKWh * 1000, MidpointRounding.ToEven);
            _exportWh += exportWh;
            _exportedWh += exportWh;
            for (var a = 0; a < drawn.Length; a++)
            {
                drawn[a] += Appliances[a].DrawWh(start, Interval, measuredWh);
            }

            var watts = kwh * 1000 / hours;

            // Voltage sags a little with the load on the phase (a three-phase meter spreads the
            // household's evenly); the noise is a function of the device and the interval only
            // (counter-based), again so that resuming repeats.
            var interval = start.ToUnixTimeSeconds() / (long)Interval.TotalSeconds;
            var counter = interval * 3;
            var phaseWatts = _threePhase ? watts / 3 : watts;
            var factor = Conditions?.VoltageFactor(start) ?? 1.0;
            (double L1, double L2, double L3) phases = _threePhase && Conditions is not null ? Conditions.PhaseFactors(start) : (1, 1, 1);
            var volts = PhaseVoltage(Gaussian(_noiseSeed, counter), phaseWatts, factor) * phases.L1;
            var powerFactor = Math.Clamp(0.97 - (0.05 * DeterministicMath.Exp(-watts / 300)) + (0.005 * Gaussian(_noiseSeed, counter + 1)), 0.5, 1.0);
            var amps = phaseWatts / (volts * powerFactor);
            var hertz = NominalFrequency + (0.02 * Gaussian(_noiseSeed, counter + 2));
            ImmutableArray<long> values = _threePhase
                ?
                [
                    _importWh,
                    _exportWh,
                    channels[2].Unscale(volts),
                    channels[3].Unscale(PhaseVoltage(Gaussian(_noiseSeed ^ PhaseL2NoiseStream, interval), phaseWatts, factor) * phases.L2),
                    channels[4].Unscale(PhaseVoltage(Gaussian(_noiseSeed ^ PhaseL3NoiseStream, interval), phaseWatts, factor) * phases.L3),
                    channels[5].Unscale(amps),
                    channels[6].Unscale(powerFactor),
                    channels[7].Unscale(hertz),
                ]
                :
                [
                    _importWh,
                    _exportWh,
                    channels[2].Unscale(volts),
                    channels[3].Unscale(amps),
                    channels[4].Unscale(powerFactor),
                    channels[5].Unscale(hertz),
                ];
            readings.Add(new IntervalReading(start, Interval, ReadingStatus.None, values));
            Clock = start + Interval;
        }

        var profile = new LoadProfile(channels, readings.MoveToImmutable());
        var reports = ImmutableArray.CreateBuilder<ApplianceReport>(drawn.Length);
        for (var a = 0; a < drawn.Length; a++)
        {
            reports.Add(Appliances[a].Report(profile.Start, profile.End, drawn[a]));
        }

        var block = MeterBlock.Create(Id, Sequence, KeySerial, Head, sealedAt, profile, reports.MoveToImmutable(), Key);
        Sequence = block.Sequence + 1;
        Head = block.Hash;
        _outbox.Enqueue(block);
        return block;
    }

    // The true and the reported import and the export of the interval starting at start (kWh, not
    // negative). A household with PV nets its generation against its load first: the meter
    // measures the net flow, and a tampered meter rewrites what it measures.
    private (double True, double Reported, double Export) NextInterval(DateTimeOffset start)
    {
        if (Conditions is null)
        {
            var (import, export) = NetFlow(start);
            return (import, import, export);
        }

        var dayStart = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero);
        var index = (int)((start - dayStart).Ticks / Interval.Ticks);
        if (dayStart != _dayStart || _trueDay is null)
        {
            var perDay = (int)(TimeSpan.TicksPerDay / Interval.Ticks);
            _dayStart = dayStart;
            _trueDay = new double[perDay];
            _exportDay = new double[perDay];
            for (var t = index; t < perDay; t++)
            {
                (_trueDay[t], _exportDay[t]) = NetFlow(dayStart + (Interval * t));
            }

            _reportedDay = Conditions.Tamper(dayStart, index, _trueDay.AsSpan(index));
            if (_reportedDay is not null && _reportedDay.Length != perDay - index)
            {
                throw new InvalidOperationException($"meter {Id}: the conditions reported {_reportedDay.Length} energies for {perDay - index} intervals");
            }
        }

        var first = _trueDay.Length - (_reportedDay?.Length ?? 0);
        return (_trueDay[index], _reportedDay is null ? _trueDay[index] : Math.Max(0, _reportedDay[index - first]), _exportDay![index]);
    }

    private (double Import, double Export) NetFlow(DateTimeOffset start) => HouseholdFlows.Next(_load, start, Interval);

    // A phase's voltage: nominal plus the noise, less the drop of the phase's load, scaled by the feeder's voltage event.
    private static double PhaseVoltage(double noise, double phaseWatts, double factor) =>
        (NominalVoltage + (1.2 * noise) - Math.Min(6, phaseWatts / 1000)) * factor;

    /// <summary>Drops the acknowledged blocks from the front of the outbox (the chain now holds them).</summary>
    public void Acknowledge(int count)
    {
        for (var i = 0; i < count && _outbox.Count > 0; i++)
        {
            _outbox.Dequeue();
        }
    }

    // Inverse-CDF sampling with the model's platform-independent math, so readings repeat on any machine.
    private static double Gaussian(ulong seed, long counter) => DeterministicMath.InverseNormal(((SplitMix64.At(seed, counter) >> 11) + 0.5) * (1.0 / (1UL << 53)));

    /// <summary>
    /// Re-aligns the meter with the last block of its chain (a device restarted from its own
    /// non-volatile memory): sequence, head, clock and registers continue from there.
    /// </summary>
    public void Resume(MeterBlock lastBlock)
    {
        ArgumentNullException.ThrowIfNull(lastBlock);
        if (lastBlock.MeterId != Id)
        {
            throw new ArgumentException($"block of meter '{lastBlock.MeterId}' cannot resume meter '{Id}'", nameof(lastBlock));
        }

        if ((lastBlock.Profile.IndexOf(Obis.VoltageL2) >= 0) != _threePhase)
        {
            throw new ArgumentException($"block {lastBlock.Sequence} of meter '{Id}' records {(_threePhase ? "one phase" : "three phases")}, the meter {(_threePhase ? "three" : "one")}; set ThreePhase as its chain has it", nameof(lastBlock));
        }

        _outbox.Clear();
        _trueDay = null;
        _reportedDay = null;
        Sequence = lastBlock.Sequence + 1;
        Head = lastBlock.Hash;
        Clock = lastBlock.Profile.End;
        var last = lastBlock.Profile.Readings[^1];
        var import = lastBlock.Profile.IndexOf(Obis.ActiveEnergyImport);
        var export = lastBlock.Profile.IndexOf(Obis.ActiveEnergyExport);
        _importWh = import < 0 ? _importWh : last.Values[import];
        _exportWh = export < 0 ? _exportWh : last.Values[export];
        foreach (var appliance in Appliances)
        {
            if (lastBlock.Reports.LastOrDefault(r => r.ApplianceId == appliance.Id) is { } report)
            {
                appliance.Resume(report);
            }
        }
    }
}
