using System.Net;
using SmartGrid.Contracts;

namespace SmartGrid.Client;

/// <summary>Where and how <see cref="SmartGridClient"/> connects.</summary>
public sealed class SmartGridClientOptions
{
    /// <summary>
    /// Gateways of the cluster. Empty means the embedded silo on this machine
    /// (localhost, <see cref="GatewayPort"/>).
    /// </summary>
    public IList<IPEndPoint> Gateways { get; } = [];

    /// <summary>Gateway port of the local embedded silo. Default 30000.</summary>
    public int GatewayPort { get; set; } = ClusterDefaults.GatewayPort;

    /// <summary>Orleans cluster id. Default that of the embedded profile.</summary>
    public string ClusterId { get; set; } = ClusterDefaults.ClusterId;

    /// <summary>Orleans service id. Default <c>smartgrid</c>.</summary>
    public string ServiceId { get; set; } = ClusterDefaults.ServiceId;

    /// <summary>How long <see cref="SmartGridClient.ConnectAsync"/> tries before giving up. Default 15 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Blocks fetched per call when reading a chain. Default 500.</summary>
    public int ReadBatchSize { get; set; } = 500;
}
