using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Bench.Contracts;
using Platform.Grpc.Server;

namespace Platform.Bench.Plumbing;

/// <summary>One Kestrel with an HTTP/2 (gRPC) endpoint and an HTTP/1.1 (JSON) endpoint doing the same echo.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app, Uri grpc, Uri json)
    {
        _app = app;
        GrpcAddress = grpc;
        JsonAddress = json;
    }

    public Uri GrpcAddress { get; }

    public Uri JsonAddress { get; }

    public static async Task<EchoServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpcServer();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.MapGrpcService<BenchService>(BenchReflection.Descriptor.Services[0]);
        app.MapPost("/echo", (EchoRecord record) => TypedResults.Ok(record));
        await app.StartAsync();
        var addresses = app.Urls.Select(url => new Uri(url)).ToArray();
        return new EchoServer(app, addresses[0], addresses[1]);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
