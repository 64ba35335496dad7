namespace SmartGrid.Ledger.Metering;

/// <summary>Physical units as enumerated by DLMS/COSEM (IEC 62056-6-2); values are the standard's.</summary>
public enum DlmsUnit : byte
{
    /// <summary>W, active power.</summary>
    Watt = 27,

    /// <summary>VA, apparent power.</summary>
    VoltAmpere = 28,

    /// <summary>var, reactive power.</summary>
    Var = 29,

    /// <summary>Wh, active energy.</summary>
    WattHour = 30,

    /// <summary>VAh, apparent energy.</summary>
    VoltAmpereHour = 31,

    /// <summary>varh, reactive energy.</summary>
    VarHour = 32,

    /// <summary>A, current.</summary>
    Ampere = 33,

    /// <summary>V, voltage.</summary>
    Volt = 35,

    /// <summary>Hz, frequency.</summary>
    Hertz = 44,

    /// <summary>Unitless count or ratio (DLMS "count").</summary>
    Count = 255,
}
