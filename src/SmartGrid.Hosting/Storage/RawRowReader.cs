namespace SmartGrid.Hosting.Storage;

/// <summary>Reads one row of a <see cref="RawStatement"/> into a value.</summary>
public delegate T RawRowReader<T>(RawRow row);
