using System.Net;
using System.Net.Sockets;

namespace SmsPortal.Tests.Support;

/// <summary>Where the third-party peers the tests run live (SmsPortal.Tests/Peers: node_modules, smsc.js, esme.js, the modem emulator, the vendor's client styles).</summary>
public static class Peers
{
    /// <summary>SMSPORTAL_PEERS_DIR as test.sh sets it, else the folder beside the test project's build output.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("SMSPORTAL_PEERS_DIR") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Peers"));

    /// <summary>A loopback port nothing listens on right now, for a peer the test starts.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
