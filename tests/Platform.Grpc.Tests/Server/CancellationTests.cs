using Platform.Grpc.Client;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Server;

public sealed class CancellationTests : EchoServerTests
{
    private static readonly TimeSpan s_observationTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Unary_ClientCancellation_CancelsTheServerHandler()
    {
        var callId = Guid.NewGuid().ToString();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await EchoCaller.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { DelayMs = 30_000, CallId = callId }, new CallOptions(cancellationToken: cancel.Token)));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Server.Observations.For(callId).HandlerCancelled.Task.WaitAsync(s_observationTimeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ServerStreaming_ClientCancellation_CancelsTheServerHandler()
    {
        var callId = Guid.NewGuid().ToString();
        using var cancel = new CancellationTokenSource();
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in EchoCaller.ServerStreamingAsync<EchoRequest, EchoReply>(
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
        await Server.Observations.For(callId).HandlerCancelled.Task.WaitAsync(s_observationTimeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ServerStreaming_LeavingTheLoopEarly_CancelsTheServerHandler()
    {
        var callId = Guid.NewGuid().ToString();

        await foreach (var _ in EchoCaller.ServerStreamingAsync<EchoRequest, EchoReply>(
            "Stream", new EchoRequest { Count = 1, DelayMs = 30_000, CallId = callId }, new CallOptions(cancellationToken: TestContext.Current.CancellationToken)))
        {
            break;
        }

        await Server.Observations.For(callId).HandlerCancelled.Task.WaitAsync(s_observationTimeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task EnumeratorCancellation_CancelsTheCall()
    {
        var callId = Guid.NewGuid().ToString();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var call = EchoCaller.ServerStreamingAsync<EchoRequest, EchoReply>("Stream", new EchoRequest { DelayMs = 30_000, CallId = callId });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.WithCancellation(cancel.Token))
            {
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Server.Observations.For(callId).HandlerCancelled.Task.WaitAsync(s_observationTimeout, TestContext.Current.CancellationToken);
    }
}
