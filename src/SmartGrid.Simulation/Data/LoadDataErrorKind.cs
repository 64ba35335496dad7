namespace SmartGrid.Simulation.Data;

/// <summary>What was wrong with a data file; carried by <see cref="LoadDataFormatException"/>.</summary>
public enum LoadDataErrorKind
{
    /// <summary>The file (or stream) holds no header line.</summary>
    MissingHeader = 1,

    /// <summary>The header does not have the expected columns.</summary>
    BadHeader = 2,

    /// <summary>A data line has more or fewer fields than the header.</summary>
    WrongFieldCount = 3,

    /// <summary>A household id is not a positive integer.</summary>
    BadHouseholdId = 4,

    /// <summary>A value is not a finite number in invariant culture.</summary>
    BadValue = 5,

    /// <summary>The same household id appears twice in one file.</summary>
    DuplicateHousehold = 6,

    /// <summary>The file has a header but no data line.</summary>
    NoData = 7,

    /// <summary>A quoted field is not closed before the end of its line.</summary>
    UnterminatedQuote = 8,

    /// <summary>A date or time field cannot be parsed.</summary>
    BadTimestamp = 9,

    /// <summary>The weekly files do not cover the same households, or weeks are missing or repeated.</summary>
    InconsistentFiles = 10,
}
