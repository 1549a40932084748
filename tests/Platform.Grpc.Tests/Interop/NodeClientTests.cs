using System.Text.Json;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Interop;

/// <summary>grpc-js as the client of our server.</summary>
[Collection(GrpcJsCollection.Name)]
public sealed class NodeClientTests(NodeInterop node) : IAsyncLifetime
{
    private const string Echo = "platform.test.echo.v1.Echo";
    private GrpcTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Unary_GrpcJsClientGetsTheReply()
    {
        var result = await node.CallAsync(_server.Address, Echo, "Say", new { message = "hello from grpc-js" });

        Assert.Equal(0, result.GetProperty("statusCode").GetInt32());
        Assert.Equal("hello from grpc-js", result.GetProperty("reply").GetProperty("message").GetString());
    }

    [Fact]
    public async Task ServerStreaming_GrpcJsClientGetsEveryMessageInOrder()
    {
        var result = await node.CallAsync(_server.Address, Echo, "Stream", new { message = "tick", count = 3 });

        Assert.Equal(0, result.GetProperty("statusCode").GetInt32());
        var replies = result.GetProperty("replies").EnumerateArray().Select(reply => reply.GetProperty("message").GetString()!).ToArray();
        Assert.Equal(["tick 0", "tick 1", "tick 2"], replies);
    }

    [Fact]
    public async Task Error_GrpcJsClientGetsTheStatusAndThePercentDecodedMessage()
    {
        const string message = "quota 100% used: réessayez – 再試行 ✓\nnext line";

        var result = await node.CallAsync(_server.Address, Echo, "Say", new { fail_code = (int)StatusCode.ResourceExhausted, fail_message = message });

        Assert.Equal((int)StatusCode.ResourceExhausted, result.GetProperty("code").GetInt32());
        Assert.Equal(message, result.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Error_InServerStreamAfterMessages_GrpcJsClientGetsMessagesThenStatus()
    {
        var result = await node.CallAsync(_server.Address, Echo, "Stream",
            new { message = "m", count = 2, fail_code = (int)StatusCode.Aborted, fail_message = "aborted after 2" });

        Assert.Equal(2, result.GetProperty("replies").GetArrayLength());
        Assert.Equal((int)StatusCode.Aborted, result.GetProperty("code").GetInt32());
        Assert.Equal("aborted after 2", result.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Deadline_GrpcJsClientGetsDeadlineExceededAndTheHandlerIsCancelled()
    {
        var callId = Guid.NewGuid().ToString();

        var result = await node.CallAsync(_server.Address, Echo, "Say", new { delay_ms = 30_000, call_id = callId }, new { deadlineMs = 300 });

        Assert.Equal((int)StatusCode.DeadlineExceeded, result.GetProperty("code").GetInt32());
        var observed = _server.Observations.For(callId);
        await observed.HandlerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(observed.Deadline < DateTime.UtcNow.AddSeconds(5), $"grpc-timeout did not reach the handler: deadline {observed.Deadline:O}");
    }

    [Fact]
    public async Task Metadata_FlowsBothWays()
    {
        var callId = Guid.NewGuid().ToString();
        byte[] binary = [0, 1, 2, 0xfa, 0xff];

        var result = await node.CallAsync(_server.Address, Echo, "Say", new { message = "m", call_id = callId },
            new { metadata = new Dictionary<string, string> { ["x-ascii"] = "plain value", ["x-data-bin"] = Convert.ToBase64String(binary) } });

        var received = _server.Observations.For(callId).RequestHeaders!;
        Assert.Equal("plain value", received.GetValue("x-ascii"));
        Assert.Equal(binary, received.GetValueBytes("x-data-bin"));
        Assert.Contains("grpc-node-js", received.GetValue("user-agent"));

        var headers = result.GetProperty("headers");
        Assert.Equal("plain value", First(headers, "x-ascii"));
        Assert.Equal(binary, Convert.FromBase64String(First(headers, "x-data-bin")));
        var trailers = result.GetProperty("trailers");
        Assert.Equal("done", First(trailers, "x-trailer"));
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, Convert.FromBase64String(First(trailers, "x-trailer-bin")));
    }

    [Fact]
    public async Task UnknownMethod_GrpcJsClientGetsUnimplemented()
    {
        // Health is mapped, Watch included; a server without the echo service answers UNIMPLEMENTED.
        await using var healthOnly = await GrpcTestServer.StartAsync(mapEcho: false);

        var result = await node.CallAsync(healthOnly.Address, Echo, "Say", new { message = "m" });

        Assert.Equal((int)StatusCode.Unimplemented, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task HealthCheck_GrpcJsClientSeesServing()
    {
        var result = await node.CallAsync(_server.Address, "grpc.health.v1.Health", "Check", new { service = "" });

        Assert.Equal("SERVING", result.GetProperty("reply").GetProperty("status").GetString());
    }

    private static string First(JsonElement metadata, string key) =>
        metadata.TryGetProperty(key, out var values)
            ? values[0].GetString()!
            : throw new Xunit.Sdk.XunitException($"'{key}' missing from {metadata}");
}
