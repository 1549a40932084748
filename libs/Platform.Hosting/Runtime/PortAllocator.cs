using System.Net;
using System.Net.Sockets;

namespace Platform.Hosting.Runtime;

/// <summary>Hands out loopback ports; never the same one twice in a run.</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> _given = [];

    public int Free()
    {
        lock (_given)
        {
            while (true)
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
                if (_given.Add(port))
                {
                    return port;
                }
            }
        }
    }

    public int Fixed(int port, string owner)
    {
        lock (_given)
        {
            if (_given.Contains(port))
            {
                throw new HostingException($"Port {port} is given to two resources; {owner} cannot have it.");
            }
            if (!IsFree(port))
            {
                throw new HostingException(
                    $"Port {port} needed by {owner} is taken by another process. Stop that process or choose another port with --port.");
            }
            _given.Add(port);
            return port;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            // Lets a port that only has TIME_WAIT leftovers count as free, while a live listener still refuses it.
            probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
