using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;
using Platform.ServiceDefaults.ServiceDiscovery;

namespace Platform.Grpc.Tests.Client;

public sealed class ChannelTests
{
    [Fact]
    public async Task ChannelProvider_ResolvesTheGrpcEndpointFromConfiguration()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:echo:grpc:0"] = server.Address.ToString() })
            .Build();
        await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddGrpcChannels().BuildServiceProvider();
        var provider = services.GetRequiredService<GrpcChannelProvider>();

        var reply = await provider.CreateCaller("echo", GrpcTestServer.EchoDescriptor)
            .UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { Message = "resolved" });

        Assert.Equal("resolved", reply.Message);
        Assert.Same(provider.GetChannel("echo"), provider.GetChannel("echo"));
    }

    [Fact]
    public void ForService_WithoutAnAddress_SaysWhatToConfigure()
    {
        var resolver = new ServiceEndpointResolver(new ConfigurationBuilder().Build());

        var error = Assert.Throws<InvalidOperationException>(() => GrpcChannel.ForService(resolver, "ledger"));

        Assert.Contains("services__ledger__grpc__0", error.Message);
    }

    [Fact]
    public void Caller_RejectsMethodsAndTypesThatAreNotInTheContract()
    {
        using var channel = GrpcChannel.ForAddress(new Uri("http://127.0.0.1:1"));
        var echo = channel.CreateCaller(GrpcTestServer.EchoDescriptor);

        Assert.Contains("Shout", Assert.Throws<ArgumentException>(() => echo.UnaryAsync<EchoRequest, EchoReply>("Shout", new EchoRequest())).Message);
        Assert.Contains("ServerStreamingAsync", Assert.Throws<ArgumentException>(() => echo.UnaryAsync<EchoRequest, EchoReply>("Stream", new EchoRequest())).Message);
        Assert.Contains("EchoRequest", Assert.Throws<ArgumentException>(() => echo.UnaryAsync<EchoReply, EchoReply>("Say", new EchoReply())).Message);
        Assert.Same(echo, channel.CreateCaller(GrpcTestServer.EchoDescriptor));
    }

    [Fact]
    public async Task ManyConcurrentCalls_OpenMoreHttp2ConnectionsWhenStreamsRunOut()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var (channel, echo) = server.CreateEchoCaller();
        using var _ = channel;
        // Kestrel allows 100 concurrent streams per connection; 250 calls held open at once need more connections.
        var callIds = Enumerable.Range(0, 250).Select(_ => Guid.NewGuid().ToString()).ToArray();

        var replies = await Task.WhenAll(callIds.Select(async callId =>
            await echo.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { Message = callId, CallId = callId, DelayMs = 500 })));

        Assert.Equal(callIds, replies.Select(reply => reply.Message));
        var connections = callIds.Select(callId => server.Observations.For(callId).Peer).Distinct().Count();
        Assert.True(connections >= 2, $"expected more than one HTTP/2 connection, saw {connections}");
    }
}
