using Platform.Grpc.Client;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Server;

public sealed class CancellationTests : IAsyncLifetime
{
    private static readonly TimeSpan s_observationTimeout = TimeSpan.FromSeconds(10);
    private GrpcTestServer _server = null!;
    private GrpcChannel _channel = null!;
    private GrpcCaller _echo = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync();
        (_channel, _echo) = _server.CreateEchoCaller();
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Unary_ClientCancellation_CancelsTheServerHandler()
    {
        var callId = Guid.NewGuid().ToString();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _echo.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { DelayMs = 30_000, CallId = callId }, new CallOptions(cancellationToken: cancel.Token)));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await _server.Observations.For(callId).HandlerCancelled.Task.WaitAsync(s_observationTimeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ServerStreaming_ClientCancellation_CancelsTheServerHandler()
    {
        var callId = Guid.NewGuid().ToString();
        using var cancel = new CancellationTokenSource();
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in _echo.ServerStreamingAsync<EchoRequest, EchoReply>(
                "Stream", new EchoRequest { Count = 2, DelayMs = 30_000, CallId = callId }, new CallOptions(cancellationToken: cancel.Token)))
            {
                if (++received == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(2, received);
        await _server.Observations.For(callId).HandlerCancelled.Task.WaitAsync(s_observationTimeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ServerStreaming_LeavingTheLoopEarly_CancelsTheServerHandler()
    {
        var callId = Guid.NewGuid().ToString();

        await foreach (var _ in _echo.ServerStreamingAsync<EchoRequest, EchoReply>(
            "Stream", new EchoRequest { Count = 1, DelayMs = 30_000, CallId = callId }, new CallOptions(cancellationToken: TestContext.Current.CancellationToken)))
        {
            break;
        }

        await _server.Observations.For(callId).HandlerCancelled.Task.WaitAsync(s_observationTimeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task EnumeratorCancellation_CancelsTheCall()
    {
        var callId = Guid.NewGuid().ToString();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var call = _echo.ServerStreamingAsync<EchoRequest, EchoReply>("Stream", new EchoRequest { DelayMs = 30_000, CallId = callId });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.WithCancellation(cancel.Token))
            {
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await _server.Observations.For(callId).HandlerCancelled.Task.WaitAsync(s_observationTimeout, TestContext.Current.CancellationToken);
    }
}
