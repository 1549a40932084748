using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Hosting.Health;

/// <summary>
/// A complete AMQP 0-9-1 connection (protocol header, Start-Ok with PLAIN credentials, Tune-Ok, Open, Close):
/// healthy only when the broker accepts the credentials and opens the virtual host.
/// </summary>
internal static class AmqpHandshake
{
    private const byte MethodFrame = 1;
    private const byte FrameEnd = 0xCE;

    public static async Task<string?> ProbeAsync(int port, string user, string password, CancellationToken cancellationToken)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), cancellationToken);
            await ExpectAsync(stream, 10, 10, "connection.start", cancellationToken);
            await SendAsync(stream, 10, 11, StartOk(user, password), cancellationToken);
            var tune = await ExpectAsync(stream, 10, 30, "connection.tune (credentials refused?)", cancellationToken);
            await SendAsync(stream, 10, 31, tune[..8], cancellationToken);
            await SendAsync(stream, 10, 40, [1, (byte)'/', 0, 0], cancellationToken);
            await ExpectAsync(stream, 10, 41, "connection.open-ok", cancellationToken);
            await SendAsync(stream, 10, 50, [0, 200, 0, 0, 0, 0, 0], cancellationToken);
            await ExpectAsync(stream, 10, 51, "connection.close-ok", cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException)
        {
            return ex.Message;
        }
    }

    private static byte[] StartOk(string user, string password)
    {
        var body = new List<byte>();
        body.AddRange([0, 0, 0, 0]); // client-properties: empty table
        ShortString(body, "PLAIN");
        var response = Encoding.UTF8.GetBytes($"\0{user}\0{password}");
        body.AddRange(BigEndian((uint)response.Length));
        body.AddRange(response);
        ShortString(body, "en_US");
        return [.. body];
    }

    private static void ShortString(List<byte> body, string value)
    {
        body.Add((byte)value.Length);
        body.AddRange(Encoding.ASCII.GetBytes(value));
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static async Task SendAsync(Stream stream, ushort classId, ushort methodId, byte[] arguments, CancellationToken cancellationToken)
    {
        var frame = new byte[7 + 4 + arguments.Length + 1];
        frame[0] = MethodFrame;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(3), (uint)(4 + arguments.Length));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(7), classId);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(9), methodId);
        arguments.CopyTo(frame, 11);
        frame[^1] = FrameEnd;
        await stream.WriteAsync(frame, cancellationToken);
    }

    // Returns the method's arguments.
    private static async Task<byte[]> ExpectAsync(Stream stream, ushort classId, ushort methodId, string what, CancellationToken cancellationToken)
    {
        var header = new byte[7];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(3));
        if (header[0] != MethodFrame || size is < 4 or > 1 << 20)
        {
            throw new InvalidDataException($"expected {what}, got frame type {header[0]} of {size} bytes");
        }
        var payload = new byte[size + 1];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        var gotClass = BinaryPrimitives.ReadUInt16BigEndian(payload);
        var gotMethod = BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(2));
        if (gotClass != classId || gotMethod != methodId || payload[^1] != FrameEnd)
        {
            throw new InvalidDataException($"expected {what}, got method {gotClass}.{gotMethod}");
        }
        return payload[4..^1];
    }
}
