using SmartGrid.Ledger.Chain;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Wire form of a <see cref="ChainDefect"/>.</summary>
[GenerateSerializer]
[Alias("smartgrid.chain-defect")]
public struct ChainDefectSurrogate
{
    /// <summary>Height of the defective block.</summary>
    [Id(0)]
    public long Height;

    /// <summary>What is wrong.</summary>
    [Id(1)]
    public DefectKind Kind;

    /// <summary>The evidence.</summary>
    [Id(2)]
    public string Message;
}
