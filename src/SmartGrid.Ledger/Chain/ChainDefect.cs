namespace SmartGrid.Ledger.Chain;

/// <summary>One defect found in a chain, located by height.</summary>
/// <param name="Height">Height (position) in the chain of the defective block.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">A sentence naming the evidence.</param>
public sealed record ChainDefect(long Height, DefectKind Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"height {Height}: {Kind}: {Message}";
}
