using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Hosting.Health;

/// <summary>AUTH then PING in RESP; healthy when the server answers +OK and +PONG.</summary>
internal static class RedisPing
{
    public static async Task<string?> ProbeAsync(int port, string password, CancellationToken cancellationToken)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var request = $"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n*1\r\n$4\r\nPING\r\n";
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request), cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var auth = await reader.ReadLineAsync(cancellationToken);
            var ping = await reader.ReadLineAsync(cancellationToken);
            return auth == "+OK" && ping == "+PONG" ? null : $"unexpected replies '{auth}' / '{ping}'";
        }
        catch (SocketException ex)
        {
            return ex.Message;
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }
}
