using Google.Protobuf;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Server;

/// <summary>4 MiB per message by default, both directions, both sides; configurable.</summary>
public sealed class MessageSizeTests
{
    private const int FiveMiB = 5 * 1024 * 1024;
    private const int EightMiB = 8 * 1024 * 1024;
    private static readonly GrpcChannelOptions s_largeChannel = new() { MaxReceiveMessageSize = EightMiB, MaxSendMessageSize = EightMiB };

    [Fact]
    public async Task RequestOverTheServersLimit_IsResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var (channel, echo) = server.CreateEchoCaller(s_largeChannel);
        using var _ = channel;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await echo.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { Payload = ByteString.CopyFrom(new byte[FiveMiB]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("4194304", error.Detail);
    }

    [Fact]
    public async Task ResponseOverTheClientsLimit_IsResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.MaxSendMessageSize = EightMiB);
        var (channel, echo) = server.CreateEchoCaller();
        using var _ = channel;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await echo.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { ReplyPayloadSize = FiveMiB }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Received message", error.Detail);
    }

    [Fact]
    public async Task RequestOverTheClientsLimit_IsRefusedBeforeSending()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var (channel, echo) = server.CreateEchoCaller();
        using var _ = channel;
        var callId = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await echo.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { CallId = callId, Payload = ByteString.CopyFrom(new byte[FiveMiB]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Sending message", error.Detail);
        Assert.Equal(0, server.Observations.For(callId).Attempts);
    }

    [Fact]
    public async Task ResponseOverTheServersLimit_IsResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var (channel, echo) = server.CreateEchoCaller(s_largeChannel);
        using var _ = channel;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await echo.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { ReplyPayloadSize = FiveMiB }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Sending message", error.Detail);
    }

    [Fact]
    public async Task RaisedLimits_LetLargeMessagesThroughBothWays()
    {
        await using var server = await GrpcTestServer.StartAsync(options =>
        {
            options.MaxReceiveMessageSize = EightMiB;
            options.MaxSendMessageSize = EightMiB;
        });
        var (channel, echo) = server.CreateEchoCaller(s_largeChannel);
        using var _ = channel;

        var reply = await echo.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { Payload = ByteString.CopyFrom(new byte[FiveMiB]), ReplyPayloadSize = FiveMiB });

        Assert.Equal(FiveMiB, reply.Payload.Length);
    }
}
