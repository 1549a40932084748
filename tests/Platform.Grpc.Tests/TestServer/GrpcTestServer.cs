using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Client;
using Platform.Grpc.Server;
using Platform.Grpc.Tests.Echo;

namespace Platform.Grpc.Tests.TestServer;

/// <summary>A real Kestrel server on 127.0.0.1 (free port, HTTP/2 only) serving the echo contract and health.</summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public static Google.Protobuf.Reflection.ServiceDescriptor EchoDescriptor => EchoReflection.Descriptor.Services[0];

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public EchoObservations Observations => _app.Services.GetRequiredService<EchoObservations>();

    public static async Task<GrpcTestServer> StartAsync(Action<GrpcServerOptions>? configure = null, bool mapEcho = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddGrpcServer(configure);
        builder.Services.AddSingleton<EchoObservations>();
        var app = builder.Build();
        if (mapEcho)
        {
            app.MapGrpcService<EchoService>(EchoReflection.Descriptor.Services[0]);
        }
        app.MapGrpcHealth();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new GrpcTestServer(app, new Uri(address));
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    /// <summary>A new channel (the test disposes it) and its echo caller.</summary>
    public (GrpcChannel Channel, GrpcCaller Echo) CreateEchoCaller(GrpcChannelOptions? options = null)
    {
        var channel = CreateChannel(options);
        return (channel, channel.CreateCaller(EchoDescriptor));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
