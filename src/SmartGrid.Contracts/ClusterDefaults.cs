namespace SmartGrid.Contracts;

/// <summary>Identifiers and ports shared by the embedded silo and the client SDK's defaults.</summary>
public static class ClusterDefaults
{
    /// <summary>Orleans service id of a SmartGridActors deployment.</summary>
    public const string ServiceId = "smartgrid";

    /// <summary>Orleans cluster id of the embedded deployment.</summary>
    public const string ClusterId = "smartgrid-embedded";

    /// <summary>Default gateway port clients connect to.</summary>
    public const int GatewayPort = 30_000;
}
