using System.Net;
using System.Net.Sockets;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Client;

/// <summary>Only UNAVAILABLE, only for calls marked idempotent, only before the server committed to a response.</summary>
public sealed class RetryTests : IAsyncLifetime
{
    private static readonly GrpcChannelOptions s_fastRetries = new() { InitialRetryBackoff = TimeSpan.FromMilliseconds(10), MaxRetryAttempts = 3 };
    private GrpcTestServer _server = null!;
    private GrpcChannel _channel = null!;
    private GrpcCaller _echo = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync();
        (_channel, _echo) = _server.CreateEchoCaller(s_fastRetries);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Idempotent_RetriesUnavailableUntilItSucceeds()
    {
        var callId = Guid.NewGuid().ToString();

        var reply = await _echo.UnaryAsync<EchoRequest, EchoReply>("Say", Failing(callId, StatusCode.Unavailable, attempts: 2), new CallOptions(idempotent: true));

        Assert.Equal("hello", reply.Message);
        Assert.Equal(3, _server.Observations.For(callId).Attempts);
    }

    [Fact]
    public async Task NotIdempotent_IsNotRetried()
    {
        var callId = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _echo.UnaryAsync<EchoRequest, EchoReply>("Say", Failing(callId, StatusCode.Unavailable, attempts: 2), new CallOptions(idempotent: false)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, _server.Observations.For(callId).Attempts);
    }

    [Theory]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.ResourceExhausted)]
    public async Task Idempotent_OtherStatusesAreNotRetried(StatusCode status)
    {
        var callId = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _echo.UnaryAsync<EchoRequest, EchoReply>("Say", Failing(callId, status, attempts: 2), new CallOptions(idempotent: true)));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, _server.Observations.For(callId).Attempts);
    }

    [Fact]
    public async Task Idempotent_GivesUpAfterMaxRetryAttempts()
    {
        var callId = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _echo.UnaryAsync<EchoRequest, EchoReply>("Say", Failing(callId, StatusCode.Unavailable, attempts: 0), new CallOptions(idempotent: true)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1 + s_fastRetries.MaxRetryAttempts, _server.Observations.For(callId).Attempts);
    }

    [Fact]
    public async Task IdempotentServerStreaming_IsRetriedWhenItFailsBeforeAnyResponse()
    {
        var callId = Guid.NewGuid().ToString();
        var request = Failing(callId, StatusCode.Unavailable, attempts: 1);
        request.Count = 2;
        var messages = new List<string>();

        await foreach (var reply in _echo.ServerStreamingAsync<EchoRequest, EchoReply>("Stream", request, new CallOptions(idempotent: true)))
        {
            messages.Add(reply.Message);
        }

        Assert.Equal(["hello 0", "hello 1"], messages);
        Assert.Equal(2, _server.Observations.For(callId).Attempts);
    }

    [Fact]
    public async Task IdempotentServerStreaming_IsNotRetriedOnceMessagesArrived()
    {
        var callId = Guid.NewGuid().ToString();
        var request = Failing(callId, StatusCode.Unavailable, attempts: 0);
        request.Count = 2;
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in _echo.ServerStreamingAsync<EchoRequest, EchoReply>("Stream", request, new CallOptions(idempotent: true)))
            {
                received++;
            }
        });

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(2, received);
        Assert.Equal(1, _server.Observations.For(callId).Attempts);
    }

    [Fact]
    public async Task ServerDown_IsUnavailable()
    {
        using var channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{UnusedPort()}"), s_fastRetries);
        var echo = channel.CreateCaller(GrpcTestServer.EchoDescriptor);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await echo.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest(), new CallOptions(idempotent: true)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static EchoRequest Failing(string callId, StatusCode status, int attempts) =>
        new() { Message = "hello", CallId = callId, FailCode = (int)status, FailAttempts = attempts, FailMessage = "try again" };

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
