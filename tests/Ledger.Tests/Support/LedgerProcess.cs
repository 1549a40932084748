using Platform.Grpc.Client;
using Platform.Hosting;
using Platform.Testing;

namespace Platform.Ledger.Tests.Support;

/// <summary>The real Ledger process on a fresh database, started the way the AppHost starts it.</summary>
internal sealed class LedgerProcess : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly string _state;
    private readonly GrpcChannel _channel;

    private LedgerProcess(DistributedApplication app, string state)
    {
        _app = app;
        _state = state;
        _channel = GrpcChannel.ForAddress(app.GetEndpoint("ledger", "grpc"));
    }

    /// <summary>The plain HTTP endpoint (health, payment webhooks).</summary>
    public Uri HttpAddress => _app.GetEndpoint("ledger", "http");

    public static async Task<LedgerProcess> StartAsync(PlatformInfrastructure infrastructure, params (string Name, string Value)[] environment)
    {
        var state = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N")[..12]);
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = state, Interactive = false });
        var ledger = await builder.AddLedgerAsync(infrastructure);
        foreach (var (name, value) in environment)
        {
            ledger.WithEnvironment(name, value);
        }
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new LedgerProcess(app, state);
    }

    public GrpcCaller Caller(Google.Protobuf.Reflection.ServiceDescriptor service) => _channel.CreateCaller(service);

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        Directory.Delete(_state, recursive: true);
    }
}
