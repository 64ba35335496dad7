namespace SmartGrid.Analytics.Area;

/// <summary>The fault episodes of a meter that already have their verdict.</summary>
[Flags]
internal enum FaultFlags : byte
{
    /// <summary>No open episode has a verdict.</summary>
    None = 0,

    /// <summary>The import register runs backwards (until it moves forward again).</summary>
    Reversed = 1,

    /// <summary>The registers stand still (until one moves).</summary>
    Stuck = 2,

    /// <summary>The import steps repeat one size (until a step of another size).</summary>
    FlatLined = 4,

    /// <summary>The phase voltages look like a broken neutral (until a sample that does not).</summary>
    NeutralLoss = 8,

    /// <summary>The meter drifts (given once per meter).</summary>
    Drifting = 16,
}
