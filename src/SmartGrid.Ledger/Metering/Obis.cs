namespace SmartGrid.Ledger.Metering;

/// <summary>The OBIS codes (IEC 62056-61) of the quantities SmartGridActors meters record.</summary>
public static class Obis
{
    /// <summary>1.8.0 — active energy import (+A), total register.</summary>
    public static readonly ObisCode ActiveEnergyImport = ObisCode.Electricity(1, 8, 0);

    /// <summary>2.8.0 — active energy export (-A), total register.</summary>
    public static readonly ObisCode ActiveEnergyExport = ObisCode.Electricity(2, 8, 0);

    /// <summary>3.8.0 — reactive energy import (+R), total register.</summary>
    public static readonly ObisCode ReactiveEnergyImport = ObisCode.Electricity(3, 8, 0);

    /// <summary>4.8.0 — reactive energy export (-R), total register.</summary>
    public static readonly ObisCode ReactiveEnergyExport = ObisCode.Electricity(4, 8, 0);

    /// <summary>13.7.0 — power factor, instantaneous.</summary>
    public static readonly ObisCode PowerFactor = ObisCode.Electricity(13, 7, 0);

    /// <summary>14.7.0 — supply frequency, instantaneous.</summary>
    public static readonly ObisCode Frequency = ObisCode.Electricity(14, 7, 0);

    /// <summary>31.7.0 — current on phase L1, instantaneous.</summary>
    public static readonly ObisCode CurrentL1 = ObisCode.Electricity(31, 7, 0);

    /// <summary>32.7.0 — voltage on phase L1, instantaneous.</summary>
    public static readonly ObisCode VoltageL1 = ObisCode.Electricity(32, 7, 0);

    /// <summary>51.7.0 — current on phase L2, instantaneous.</summary>
    public static readonly ObisCode CurrentL2 = ObisCode.Electricity(51, 7, 0);

    /// <summary>52.7.0 — voltage on phase L2, instantaneous.</summary>
    public static readonly ObisCode VoltageL2 = ObisCode.Electricity(52, 7, 0);

    /// <summary>71.7.0 — current on phase L3, instantaneous.</summary>
    public static readonly ObisCode CurrentL3 = ObisCode.Electricity(71, 7, 0);

    /// <summary>72.7.0 — voltage on phase L3, instantaneous.</summary>
    public static readonly ObisCode VoltageL3 = ObisCode.Electricity(72, 7, 0);
}
