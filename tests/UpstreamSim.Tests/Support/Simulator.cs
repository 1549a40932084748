using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using Platform.Hosting;

[assembly: AssemblyFixture(typeof(Platform.UpstreamSim.Tests.Support.Simulator))]

namespace Platform.UpstreamSim.Tests.Support;

/// <summary>
/// The simulator as the AppHost runs it (a project resource of Platform.Hosting, health-waited), once per test run,
/// with upstream keys of its own given through configuration.
/// </summary>
public sealed class Simulator : IAsyncLifetime
{
    public const string Name = "upstream-sim";
    public const string OpenAIKey = "sk-test-openai-0123456789abcdef";
    public const string AnthropicKey = "sk-ant-test-0123456789abcdef";

    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication? _app;

    public Uri Address { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = _stateDirectory, Interactive = false });
        builder.AddProject(Name, "services/UpstreamSim/UpstreamSim.csproj")
            .WithEnvironment("UpstreamSim__Keys__0", OpenAIKey)
            .WithEnvironment("UpstreamSim__Keys__1", AnthropicKey);
        _app = builder.Build();
        await _app.StartAsync();
        Address = _app.GetEndpoint(Name);
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The official OpenAI client pointed at the simulator; <paramref name="sim"/> becomes the x-sim header.</summary>
    public OpenAIClient OpenAI(string? sim = null, string key = OpenAIKey)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(Address, "v1"),
            // Faults are injected on purpose: the SDK's retries would hide them and slow the tests down.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (sim is not null)
        {
            options.AddPolicy(new HeaderPolicy("x-sim", sim), PipelinePosition.PerCall);
        }
        return new OpenAIClient(new ApiKeyCredential(key), options);
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
        }
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }
}
