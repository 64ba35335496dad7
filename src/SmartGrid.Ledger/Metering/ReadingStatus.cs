namespace SmartGrid.Ledger.Metering;

/// <summary>Status of an interval reading, using the bits of the DLMS load-profile status word.</summary>
[Flags]
public enum ReadingStatus : byte
{
    /// <summary>Nothing to report.</summary>
    None = 0,

    /// <summary>A critical error occurred in the meter during the interval.</summary>
    CriticalError = 0x01,

    /// <summary>The meter clock was not valid during the interval.</summary>
    ClockInvalid = 0x02,

    /// <summary>The values of the interval are not valid.</summary>
    DataNotValid = 0x04,

    /// <summary>Daylight saving time was active.</summary>
    DaylightSaving = 0x08,

    /// <summary>The meter clock was adjusted during the interval.</summary>
    ClockAdjusted = 0x20,

    /// <summary>A tamper event (cover opened, magnetic field) was seen during the interval.</summary>
    TamperDetected = 0x40,

    /// <summary>The supply failed during the interval.</summary>
    PowerDown = 0x80,
}
