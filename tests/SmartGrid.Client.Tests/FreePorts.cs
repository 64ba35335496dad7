using System.Net;
using System.Net.Sockets;

namespace SmartGrid.Client.Tests;

/// <summary>Loopback ports nobody is listening on right now.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
