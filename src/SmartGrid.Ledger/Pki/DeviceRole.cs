namespace SmartGrid.Ledger.Pki;

/// <summary>What a certified key may sign. Values are part of the stored format.</summary>
public enum DeviceRole : byte
{
    /// <summary>A smart meter (edge tier): signs meter chain blocks.</summary>
    Meter = 1,

    /// <summary>A smart appliance (edge tier): signs sub-readings carried in its household's blocks.</summary>
    Appliance = 2,

    /// <summary>A data concentrator (edge-fog tier).</summary>
    Concentrator = 3,

    /// <summary>A substation (fog tier).</summary>
    Substation = 4,

    /// <summary>The utility (cloud tier).</summary>
    Utility = 5,
}
