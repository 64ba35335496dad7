namespace SmartGrid.Simulation.Data;

/// <summary>Where a piece of input came from, so results can name their exact source.</summary>
/// <param name="Name">File name without directory.</param>
/// <param name="Sha256">SHA-256 of the uncompressed content, lower-case hex.</param>
/// <param name="DataLines">Data lines read (header not counted).</param>
public sealed record DataFileInfo(string Name, string Sha256, int DataLines);
