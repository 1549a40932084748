using System.Net.Http.Headers;
using Platform.Contracts.Identity.V1;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc.Client;
using Platform.Hosting;
using Platform.Testing;

namespace Platform.EdgeRelay.Tests.Support;

/// <summary>
/// The real Ledger, Identity, UpstreamSim and edge processes on fresh databases, wired as the AppHost wires them, once
/// for every test class of <see cref="EdgeCollection"/>. Users, keys and coins are made through the services' gRPC APIs
/// directly, so a test of one edge route does not depend on another.
/// </summary>
public sealed class EdgeStack(PlatformInfrastructure infrastructure) : IAsyncLifetime
{
    public const string AdminToken = "edge-tests-admin-token";
    public const string EncryptionKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // base64 of 32 bytes
    public const string SimOpenAiKey = "sk-sim-dev-0000000000000000";
    public const string PaymentsSecret = "edge-tests-payments-secret";

    private readonly string _state = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication _app = null!;
    private GrpcChannel _identity = null!;
    private GrpcChannel _ledger = null!;

    /// <summary>The edge's public base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri EdgeAddress { get; private set; } = null!;

    /// <summary>The simulator's base address, for channels and for reading its counters.</summary>
    public Uri SimAddress { get; private set; } = null!;

    /// <summary>A second simulator that answers every call with a 500.</summary>
    public Uri BrokenSimAddress { get; private set; } = null!;

    /// <summary>Connection string of the edge's relaydb.</summary>
    public string RelayDatabase { get; private set; } = null!;

    public GrpcCaller Users { get; private set; } = null!;
    public GrpcCaller Keys { get; private set; } = null!;
    public GrpcCaller Ledger { get; private set; } = null!;

    /// <summary>Every log file the run writes (one per process).</summary>
    public IEnumerable<string> LogFiles => Directory.EnumerateFiles(_app.Paths.LogsDirectory, "*.log");

    public async ValueTask InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = _state, Interactive = false });
        var ledger = (await builder.AddLedgerAsync(infrastructure)).WithEnvironment("Ledger__Payments__Sandbox__Secret", PaymentsSecret);
        var identity = await builder.AddIdentityAsync(infrastructure, ledger);
        builder.AddProject("upstream-sim", "services/UpstreamSim/UpstreamSim.csproj");
        // A provider that is down: every call answers 500, for failover tests.
        builder.AddProject("upstream-sim-broken", "services/UpstreamSim/UpstreamSim.csproj").WithEnvironment("UpstreamSim__Defaults", "fail=500");
        RelayDatabase = await infrastructure.CreateDatabaseAsync("relay");
        builder.AddProject("edge", "services/EdgeRelay/EdgeRelay.csproj")
            .WithReference(ledger).WaitFor(ledger)
            .WithReference(identity).WaitFor(identity)
            .WithEnvironment("ConnectionStrings__relaydb", RelayDatabase)
            .WithEnvironment("ConnectionStrings__rabbitmq", infrastructure.RabbitMqConnectionString)
            .WithEnvironment("ConnectionStrings__redis", infrastructure.RedisConnectionString)
            .WithEnvironment("Edge__AdminToken", AdminToken)
            .WithEnvironment("Edge__EncryptionKey", EncryptionKey)
            // Tests race hundreds of calls from one user: the tier's per-minute limit would decide them instead of what they test.
            .WithEnvironment("Edge__Limits__FreeRpm", "100000")
            .WithEnvironment("Edge__Limits__ConcurrentCallsPerKey", "1000")
            .WithEnvironment("Edge__Channels__ProbeInterval", "00:00:01")
            // Budgets close soon after their last call, so tests see the rest of a budget go back to the wallet.
            .WithEnvironment("Edge__Budgets__IdleClose", "00:00:02")
            .WithEnvironment("Edge__Budgets__SweepEvery", "00:00:00.500");
        _app = builder.Build();
        await _app.StartAsync(TestContext.Current.CancellationToken);

        EdgeAddress = _app.GetEndpoint("edge", "http");
        SimAddress = _app.GetEndpoint("upstream-sim", "http");
        BrokenSimAddress = _app.GetEndpoint("upstream-sim-broken", "http");
        _identity = GrpcChannel.ForAddress(_app.GetEndpoint("identity", "grpc"));
        _ledger = GrpcChannel.ForAddress(_app.GetEndpoint("ledger", "grpc"));
        Users = _identity.CreateCaller(UsersReflection.Descriptor.Services[0]);
        Keys = _identity.CreateCaller(KeysReflection.Descriptor.Services[0]);
        Ledger = _ledger.CreateCaller(LedgerReflection.Descriptor.Services[0]);
    }

    /// <summary>An HTTP client for the edge that sends <paramref name="secret"/> as a bearer token (none for null).</summary>
    public HttpClient Client(string? secret)
    {
        var client = new HttpClient { BaseAddress = EdgeAddress };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }
        return client;
    }

    /// <summary>A client with the operators' admin token.</summary>
    public HttpClient Operator() => Client(AdminToken);

    /// <summary>A new user (unique email) with its management token, credited with <paramref name="coins"/> whole coins.</summary>
    public async Task<CreateUserReply> NewUserAsync(long coins = 0)
    {
        var user = await Users.UnaryAsync<CreateUserRequest, CreateUserReply>("CreateUser", new CreateUserRequest { Email = $"user-{Guid.NewGuid():N}@example.com" });
        if (coins > 0)
        {
            await Ledger.UnaryAsync<CreditRequest, CreditReply>("Credit", new CreditRequest
            {
                RequestId = $"seed-{user.User.UserId}", AccountId = user.User.UserId, AmountMicroCoins = coins * 1_000_000, Source = CreditSource.Operator,
            });
        }
        return user;
    }

    /// <summary>A new API key of <paramref name="userId"/>, named "test" unless <paramref name="configure"/> says otherwise.</summary>
    public async Task<CreateKeyReply> NewKeyAsync(string userId, Action<CreateKeyRequest>? configure = null)
    {
        var request = new CreateKeyRequest { UserId = userId, Name = "test" };
        configure?.Invoke(request);
        return await Keys.UnaryAsync<CreateKeyRequest, CreateKeyReply>("CreateKey", request);
    }

    /// <summary>The wallet's posted balance: what settled calls left (the edge's budget holds show in held, not here).</summary>
    public async Task<long> BalanceMicroCoinsAsync(string userId) => (await BalanceAsync(userId)).BalanceMicroCoins;

    public async Task<BalanceReply> BalanceAsync(string userId) =>
        await Ledger.UnaryAsync<GetBalanceRequest, BalanceReply>("GetBalance", new GetBalanceRequest { AccountId = userId });

    public async ValueTask DisposeAsync()
    {
        _identity?.Dispose();
        _ledger?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
        }
        Directory.Delete(_state, recursive: true);
    }
}
