using System.Collections.Immutable;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Wire form of a <see cref="ChainReport"/>.</summary>
[GenerateSerializer]
[Alias("smartgrid.chain-report")]
public struct ChainReportSurrogate
{
    /// <summary>The chain's device.</summary>
    [Id(0)]
    public DeviceId Device;

    /// <summary>Blocks examined.</summary>
    [Id(1)]
    public long BlocksChecked;

    /// <summary>Readings examined.</summary>
    [Id(2)]
    public long ReadingsChecked;

    /// <summary>Hash of the last stored block.</summary>
    [Id(3)]
    public Hash256 Head;

    /// <summary>Defects found.</summary>
    [Id(4)]
    public ImmutableArray<ChainDefect> Defects;
}
