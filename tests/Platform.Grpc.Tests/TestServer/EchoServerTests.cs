using Platform.Grpc.Client;

namespace Platform.Grpc.Tests.TestServer;

/// <summary>Tests that share one echo server and client per test class.</summary>
public abstract class EchoServerTests : IAsyncLifetime
{
    private GrpcChannel _channel = null!;

    protected GrpcTestServer Server { get; private set; } = null!;

    protected GrpcCaller EchoCaller { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await GrpcTestServer.StartAsync();
        (_channel, EchoCaller) = Server.CreateEchoCaller();
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await Server.DisposeAsync();
    }
}
