using Platform.Hosting;

namespace Platform.ServiceDefaults.Tests.Support;

/// <summary>
/// tests/Fixtures/MinimalService run the way the AppHost runs every service: as a project resource of
/// Platform.Hosting, which injects OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_* and its Kestrel endpoint, and waits for /health.
/// </summary>
internal sealed class MinimalServiceProcess : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly string _stateDirectory;

    private MinimalServiceProcess(DistributedApplication app, string stateDirectory)
    {
        _app = app;
        _stateDirectory = stateDirectory;
    }

    public Uri Address => _app.GetEndpoint(Name);

    public const string Name = "minimal-service";

    public static async Task<MinimalServiceProcess> StartAsync(Uri otlpEndpoint, IReadOnlyDictionary<string, string> environment)
    {
        var state = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N")[..12]);
        var builder = DistributedApplication.CreateBuilder(new HostingOptions
        {
            StateDirectory = state,
            Interactive = false,
            OtlpEndpoint = otlpEndpoint.ToString(),
            OtlpProtocol = "http/protobuf",
        });
        var service = builder.AddProject(Name, "tests/Fixtures/MinimalService/MinimalService.csproj");
        foreach (var (name, value) in environment)
        {
            service.WithEnvironment(name, value);
        }
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new MinimalServiceProcess(app, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        Directory.Delete(_stateDirectory, recursive: true);
    }
}
