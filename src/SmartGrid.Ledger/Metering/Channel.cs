using System.Globalization;

namespace SmartGrid.Ledger.Metering;

/// <summary>
/// One recorded quantity of a load profile (a DLMS "capture object"): its OBIS code, unit and
/// decimal scaler. A raw integer value v means v × 10^<see cref="Scaler"/> <see cref="Unit"/>;
/// signed data is integer, so it has one exact encoding.
/// </summary>
public readonly record struct Channel(ObisCode Code, DlmsUnit Unit, sbyte Scaler)
{
    /// <summary>Encoded size in bytes.</summary>
    public const int Size = ObisCode.Size + 2;

    /// <summary>Active energy import register, 1 Wh resolution.</summary>
    public static Channel ActiveEnergyImportWh => new(Obis.ActiveEnergyImport, DlmsUnit.WattHour, 0);

    /// <summary>Active energy export register, 1 Wh resolution.</summary>
    public static Channel ActiveEnergyExportWh => new(Obis.ActiveEnergyExport, DlmsUnit.WattHour, 0);

    /// <summary>Voltage L1, 0.1 V resolution.</summary>
    public static Channel VoltageL1 => new(Obis.VoltageL1, DlmsUnit.Volt, -1);

    /// <summary>Voltage L2, 0.1 V resolution.</summary>
    public static Channel VoltageL2 => new(Obis.VoltageL2, DlmsUnit.Volt, -1);

    /// <summary>Voltage L3, 0.1 V resolution.</summary>
    public static Channel VoltageL3 => new(Obis.VoltageL3, DlmsUnit.Volt, -1);

    /// <summary>Current L1, 0.01 A resolution.</summary>
    public static Channel CurrentL1 => new(Obis.CurrentL1, DlmsUnit.Ampere, -2);

    /// <summary>Power factor, 0.001 resolution.</summary>
    public static Channel PowerFactor => new(Obis.PowerFactor, DlmsUnit.Count, -3);

    /// <summary>Frequency, 0.01 Hz resolution.</summary>
    public static Channel Frequency => new(Obis.Frequency, DlmsUnit.Hertz, -2);

    /// <summary>The physical value of a raw integer on this channel.</summary>
    public double Scale(long raw) => raw * Math.Pow(10, Scaler);

    /// <summary>The raw integer nearest to a physical value on this channel.</summary>
    public long Unscale(double value) => checked((long)Math.Round(value / Math.Pow(10, Scaler), MidpointRounding.AwayFromZero));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Code.ToShortString()} [{Unit}, 1e{Scaler}]");
}
