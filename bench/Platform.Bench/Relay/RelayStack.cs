using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Contracts.Identity.V1;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc.Client;
using Platform.Hosting;

namespace Platform.Bench.Relay;

/// <summary>
/// Postgres, Redis, RabbitMQ, Ledger, Identity, UpstreamSim and the edge (Release builds) wired as the AppHost wires
/// them, with one funded user, its key and a simulator channel for <see cref="Model"/>.
/// </summary>
internal sealed class RelayStack : IAsyncDisposable
{
    public const string Model = "gpt-4o-mini";
    public const string SimKey = "sk-sim-dev-0000000000000000";
    private const string AdminToken = "relay-bench-admin-token";

    private readonly string _state = Path.Combine(Path.GetTempPath(), "platform-bench", Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication _app = null!;

    public Uri EdgeAddress { get; private set; } = null!;
    public Uri SimAddress { get; private set; } = null!;
    public string Key { get; private set; } = "";

    public static async Task<RelayStack> StartAsync()
    {
        var stack = new RelayStack();
        await stack.StartInternalAsync();
        return stack;
    }

    /// <summary>The operating-system process id of a resource's first instance (projects start as <c>dotnet x.dll</c> after an exec chain).</summary>
    public int Pid(string resource) =>
        _app.Snapshot().Single(r => r.Name == resource).Instances[0].Processes[0].Pid;

    private async Task StartInternalAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new HostingOptions
        {
            StateDirectory = _state,
            Interactive = false,
            BuildConfiguration = "Release", // measure the code as it ships, not a Debug build
        });
        var postgres = builder.AddPostgres("postgres");
        var ledgerDb = postgres.AddDatabase("ledgerdb");
        var identityDb = postgres.AddDatabase("identitydb");
        var relayDb = postgres.AddDatabase("relaydb");
        var redis = builder.AddRedis("redis");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq");
        var ledger = builder.AddProject("ledger", "services/Ledger/Ledger.csproj")
            .WithHttp2Endpoint("grpc")
            .WithReference(ledgerDb).WaitFor(ledgerDb)
            .WithReference(rabbitmq).WaitFor(rabbitmq)
            .WithEnvironment("Ledger__Payments__Sandbox__Secret", "relay-bench-payments-secret");
        var identity = builder.AddProject("identity", "services/Identity/Identity.csproj")
            .WithHttp2Endpoint("grpc")
            .WithReference(identityDb).WaitFor(identityDb)
            .WithReference(rabbitmq).WaitFor(rabbitmq)
            .WithReference(ledger).WaitFor(ledger);
        builder.AddProject("edge", "services/EdgeRelay/EdgeRelay.csproj")
            .WithReference(relayDb).WaitFor(relayDb)
            .WithReference(redis).WaitFor(redis)
            .WithReference(rabbitmq).WaitFor(rabbitmq)
            .WithReference(identity).WaitFor(identity)
            .WithReference(ledger).WaitFor(ledger)
            .WithEnvironment("Edge__AdminToken", AdminToken)
            .WithEnvironment("Edge__EncryptionKey", "relay-bench-encryption-key-0123456789abcdef")
            // Limits must not decide a benchmark of 1,000 open streams from one key; they are still checked on every call.
            .WithEnvironment("Edge__Limits__FreeRpm", "10000000")
            .WithEnvironment("Edge__Limits__ConcurrentCallsPerKey", "100000");
        // Zero latency unless a request's x-sim header asks for more: the overhead scenarios measure the relays alone.
        builder.AddProject("upstream-sim", "services/UpstreamSim/UpstreamSim.csproj").WithEnvironment("UpstreamSim__Defaults", "zero-latency");
        _app = builder.Build();
        await _app.StartAsync();

        EdgeAddress = _app.GetEndpoint("edge", "http");
        SimAddress = _app.GetEndpoint("upstream-sim", "http");
        Key = await FundedKeyAsync();
        await CreateSimChannelAsync();
    }

    private async Task<string> FundedKeyAsync()
    {
        using var identity = GrpcChannel.ForAddress(_app.GetEndpoint("identity", "grpc"));
        using var ledger = GrpcChannel.ForAddress(_app.GetEndpoint("ledger", "grpc"));
        var user = await identity.CreateCaller(UsersReflection.Descriptor.Services[0])
            .UnaryAsync<CreateUserRequest, CreateUserReply>("CreateUser", new CreateUserRequest { Email = "relay-bench@example.com" });
        // A billion coins: every hold of 1,000 open streams fits many times over, so the balance never refuses a call.
        await ledger.CreateCaller(LedgerReflection.Descriptor.Services[0]).UnaryAsync<CreditRequest, CreditReply>("Credit", new CreditRequest
        {
            RequestId = $"seed-{user.User.UserId}", AccountId = user.User.UserId, AmountMicroCoins = 1_000_000_000L * 1_000_000, Source = CreditSource.Operator,
        });
        var key = await identity.CreateCaller(KeysReflection.Descriptor.Services[0])
            .UnaryAsync<CreateKeyRequest, CreateKeyReply>("CreateKey", new CreateKeyRequest { UserId = user.User.UserId, Name = "relay bench" });
        return key.Secret;
    }

    private async Task CreateSimChannelAsync()
    {
        using var client = new HttpClient { BaseAddress = EdgeAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var response = await client.PostAsJsonAsync("/admin/v1/channels", new Dictionary<string, object?>
        {
            ["name"] = "relay-bench-sim",
            ["kind"] = "sim",
            ["base_url"] = SimAddress.AbsoluteUri,
            ["keys"] = new[] { SimKey },
            ["models"] = new[] { Model },
        });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating the simulator channel failed: {(int)response.StatusCode} {body}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
        }
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }
}
