using Platform.Grpc.Client;
using Platform.Grpc.Tests.Echo;

namespace Platform.Grpc.Tests.Interop;

/// <summary>Our client against the grpc-js server.</summary>
[Collection(GrpcJsCollection.Name)]
public sealed class NodeServerTests(NodeInterop node) : IAsyncLifetime
{
    private NodeServer _server = null!;
    private GrpcChannel _channel = null!;
    private GrpcCaller _echo = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await node.ServerAsync();
        _channel = GrpcChannel.ForAddress(_server.Address);
        _echo = _channel.CreateCaller(EchoReflection.Descriptor.Services[0]);
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Unary_GetsTheReplyFromGrpcJs()
    {
        var reply = await _echo.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { Message = "hello grpc-js" }, new CallOptions(cancellationToken: Cancellation));

        Assert.Equal("hello grpc-js", reply.Message);
    }

    [Fact]
    public async Task ServerStreaming_GetsEveryMessageFromGrpcJs()
    {
        var messages = new List<string>();
        await foreach (var reply in _echo.ServerStreamingAsync<EchoRequest, EchoReply>("Stream", new EchoRequest { Message = "tick", Count = 4 }, new CallOptions(cancellationToken: Cancellation)))
        {
            messages.Add(reply.Message);
        }

        Assert.Equal(["tick 0", "tick 1", "tick 2", "tick 3"], messages);
    }

    [Fact]
    public async Task Error_GetsTheStatusAndTheDecodedMessageFromGrpcJs()
    {
        const string message = "quota 100% used: réessayez – 再試行 ✓";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _echo.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { FailCode = (int)StatusCode.PermissionDenied, FailMessage = message }, new CallOptions(cancellationToken: Cancellation)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(message, error.Detail);
        Assert.Equal("done", error.Trailers.GetValue("x-trailer"));
    }

    [Fact]
    public async Task Deadline_FailsWithDeadlineExceededAndGrpcJsSeesTheCancellation()
    {
        var callId = Guid.NewGuid().ToString();
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _echo.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { DelayMs = 30_000, CallId = callId }, new CallOptions(DateTime.UtcNow.AddMilliseconds(300), cancellationToken: Cancellation)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        await _server.WaitForEventAsync("cancelled", callId, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancellation_ReachesTheGrpcJsHandler()
    {
        var callId = Guid.NewGuid().ToString();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var call = _echo.ServerStreamingAsync<EchoRequest, EchoReply>("Stream", new EchoRequest { Message = "m", Count = 1, DelayMs = 30_000, CallId = callId }, new CallOptions(cancellationToken: cancel.Token));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call)
            {
                await cancel.CancelAsync();
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await _server.WaitForEventAsync("cancelled", callId, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Metadata_FlowsBothWays()
    {
        var callId = Guid.NewGuid().ToString();
        var headers = new Metadata { { "x-ascii", "plain value" }, { "x-data-bin", [0, 1, 2, 0xfa, 0xff] } };

        var call = _echo.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { Message = "m", CallId = callId }, new CallOptions(headers: headers, cancellationToken: Cancellation));
        await call;

        var seen = await _server.WaitForEventAsync("call", callId, TimeSpan.FromSeconds(10));
        var seenMetadata = seen.GetProperty("metadata");
        Assert.Equal("plain value", seenMetadata.GetProperty("x-ascii")[0].GetString());
        Assert.Equal(new byte[] { 0, 1, 2, 0xfa, 0xff }, Convert.FromBase64String(seenMetadata.GetProperty("x-data-bin")[0].GetString()!));

        var responseHeaders = await call.ResponseHeadersAsync;
        Assert.Equal("plain value", responseHeaders.GetValue("x-ascii"));
        Assert.Equal(new byte[] { 0, 1, 2, 0xfa, 0xff }, responseHeaders.GetValueBytes("x-data-bin"));
        var trailers = call.GetTrailers();
        Assert.Equal("done", trailers.GetValue("x-trailer"));
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, trailers.GetValueBytes("x-trailer-bin"));
    }

    [Fact]
    public async Task Retry_IdempotentCallToGrpcJsRetriesUnavailable()
    {
        var callId = Guid.NewGuid().ToString();

        var reply = await _echo.UnaryAsync<EchoRequest, EchoReply>("Say",
            new EchoRequest { Message = "third time", CallId = callId, FailCode = (int)StatusCode.Unavailable, FailAttempts = 2 },
            new CallOptions(idempotent: true, cancellationToken: Cancellation));

        Assert.Equal("third time", reply.Message);
        await _server.WaitForEventAsync("call", callId, TimeSpan.FromSeconds(5), attempt: 3);
        Assert.Equal(3, _server.CountEvents("call", callId));
    }
}
