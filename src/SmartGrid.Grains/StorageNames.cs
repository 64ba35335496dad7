namespace SmartGrid.Grains;

/// <summary>Names of the storage providers grains use; hosting profiles register providers under them.</summary>
public static class StorageNames
{
    /// <summary>Grain state (small, rarely written records: provisioning, counters).</summary>
    public const string GrainState = "smartgrid";
}
