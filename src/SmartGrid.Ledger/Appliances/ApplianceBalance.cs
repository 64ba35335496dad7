using System.Globalization;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Metering;

namespace SmartGrid.Ledger.Appliances;

/// <summary>
/// The balance of one meter block: the energy its appliance reports claim against the energy the
/// meter's own 1.8.0 import register recorded over the same span. Appliances sit behind the meter,
/// so their sum can never honestly exceed it; an excess beyond <see cref="ToleranceWh"/> is
/// flagged (at ingest and by the audit), never silently accepted.
/// </summary>
/// <remarks>
/// The span is the block's readings: from the register at the end of the previous block
/// (<see cref="ChainHead.LastImportWh"/>) to the register at the block's last reading. For a chain's
/// first block (or after a block whose register is unknown) there is no register before the first
/// reading, so the span starts at the end of the first reading and only reports starting there or
/// later are counted. Both sides are whole Wh; each appliance rounds its own report, so the
/// tolerance is <see cref="ToleranceWhPerReport"/> per report counted.
/// </remarks>
/// <param name="ApplianceWh">Sum of the counted reports' energy.</param>
/// <param name="MeterWh">Rise of the meter's 1.8.0 register over the span (negative if it ran backwards).</param>
/// <param name="ToleranceWh">Rounding allowance: <see cref="ToleranceWhPerReport"/> per counted report.</param>
/// <param name="Reports">Reports counted.</param>
public readonly record struct ApplianceBalance(long ApplianceWh, long MeterWh, long ToleranceWh, int Reports)
{
    /// <summary>Rounding allowance per report, in Wh.</summary>
    public const long ToleranceWhPerReport = 1;

    /// <summary>Whether the appliances claim more than the meter recorded, beyond the tolerance.</summary>
    public bool Exceeds => ApplianceWh > MeterWh + ToleranceWh;

    /// <summary>How far the appliances' sum is above the meter's energy (0 when it is not).</summary>
    public long ExcessWh => Math.Max(0, ApplianceWh - MeterWh);

    /// <summary>
    /// The balance of <paramref name="block"/> appended after <paramref name="head"/>, or null when the
    /// block carries no reports or has no 1.8.0 register in Wh (the validator refuses such a block).
    /// </summary>
    public static ApplianceBalance? Of(MeterBlock block, in ChainHead head)
    {
        ArgumentNullException.ThrowIfNull(block);
        var profile = block.Profile;
        if (block.Reports.IsEmpty || ImportRegisterWh(profile, profile.Readings.Length - 1) is not { } last)
        {
            return null;
        }

        long meterWh;
        DateTimeOffset spanStart;
        if (head.LastImportWh is { } previous)
        {
            meterWh = last - previous;
            spanStart = profile.Start;
        }
        else
        {
            meterWh = last - ImportRegisterWh(profile, 0)!.Value;
            spanStart = profile.Readings[0].End;
        }

        long applianceWh = 0;
        var counted = 0;
        foreach (var report in block.Reports)
        {
            if (report.Start >= spanStart)
            {
                // At most MaxReports * MaxEnergyWh: no overflow.
                applianceWh += (long)report.EnergyWh;
                counted++;
            }
        }

        return new ApplianceBalance(applianceWh, meterWh, counted * ToleranceWhPerReport, counted);
    }

    /// <summary>
    /// The 1.8.0 import register of one reading in whole Wh, or null when the profile has no such
    /// channel in Wh.
    /// </summary>
    public static long? ImportRegisterWh(LoadProfile profile, int readingIndex)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var channel = profile.IndexOf(Obis.ActiveEnergyImport);
        if (channel < 0 || profile.Channels[channel].Unit != DlmsUnit.WattHour)
        {
            return null;
        }

        var raw = profile.Readings[readingIndex].Values[channel];
        var scaler = profile.Channels[channel].Scaler;
        return scaler == 0 ? raw : (long)Math.Floor(profile.Channels[channel].Scale(raw));
    }

    /// <summary>A sentence naming both energies, for flags and audit findings.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Reports} appliance reports claim {ApplianceWh} Wh, the meter's 1.8.0 register rose {MeterWh} Wh over the same span (tolerance {ToleranceWh} Wh)");
}
