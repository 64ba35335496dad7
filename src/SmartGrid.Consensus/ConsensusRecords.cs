using SmartGrid.Ledger.Canonical;

namespace SmartGrid.Consensus;

/// <summary>Header helpers that map <see cref="ConsensusRecordType"/> onto the ledger's canonical writer and reader.</summary>
internal static class ConsensusRecords
{
    public const byte FormatVersion = 1;

    public static void WriteHeader(CanonicalWriter writer, ConsensusRecordType type) =>
        writer.WriteHeader((RecordType)(byte)type, FormatVersion);

    public static void ReadHeader(ref CanonicalReader reader, ConsensusRecordType type) =>
        reader.ReadHeader((RecordType)(byte)type, FormatVersion);
}
