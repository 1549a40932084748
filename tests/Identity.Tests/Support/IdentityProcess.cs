using Platform.Contracts.Identity.V1;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc.Client;
using Platform.Hosting;
using Platform.Testing;

namespace Platform.Identity.Tests.Support;

/// <summary>
/// The real Ledger and Identity processes on fresh databases, started the way the AppHost starts them (Identity with a
/// reference to the ledger's gRPC endpoint), once for every test class of <see cref="IdentityCollection"/>; plus a bus
/// of the test's own on the same broker.
/// </summary>
public sealed class IdentityProcess(PlatformInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication _app = null!;
    private GrpcChannel _identity = null!;
    private GrpcChannel _ledger = null!;

    /// <summary>Connection string of the service's identitydb.</summary>
    public string Database { get; private set; } = null!;

    public GrpcCaller Auth { get; private set; } = null!;
    public GrpcCaller Keys { get; private set; } = null!;
    public GrpcCaller Users { get; private set; } = null!;
    public GrpcCaller Ledger { get; private set; } = null!;
    public EventBus Events { get; private set; } = null!;

    /// <summary>Every log file the run writes (one per process).</summary>
    public IEnumerable<string> LogFiles => Directory.EnumerateFiles(_app.Paths.LogsDirectory, "*.log");

    public async ValueTask InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = _state, Interactive = false });
        var ledger = await builder.AddLedgerAsync(infrastructure);
        Database = await infrastructure.CreateDatabaseAsync("identity");
        await builder.AddIdentityAsync(infrastructure, ledger, Database);
        _app = builder.Build();
        await _app.StartAsync(TestContext.Current.CancellationToken);

        _identity = GrpcChannel.ForAddress(_app.GetEndpoint("identity", "grpc"));
        _ledger = GrpcChannel.ForAddress(_app.GetEndpoint("ledger", "grpc"));
        Auth = _identity.CreateCaller(AuthReflection.Descriptor.Services[0]);
        Keys = _identity.CreateCaller(KeysReflection.Descriptor.Services[0]);
        Users = _identity.CreateCaller(UsersReflection.Descriptor.Services[0]);
        Ledger = _ledger.CreateCaller(LedgerReflection.Descriptor.Services[0]);
        Events = await EventBus.StartAsync(infrastructure.RabbitMqConnectionString);
    }

    /// <summary>A new user with a unique email.</summary>
    public Task<CreateUserReply> NewUserAsync() =>
        Users.CallAsync<CreateUserRequest, CreateUserReply>("CreateUser", new CreateUserRequest { Email = $"user-{Guid.NewGuid():N}@example.com" });

    /// <summary>A new key of <paramref name="userId"/>, named "test" unless <paramref name="configure"/> says otherwise.</summary>
    public Task<CreateKeyReply> NewKeyAsync(string userId, Action<CreateKeyRequest>? configure = null)
    {
        var request = new CreateKeyRequest { UserId = userId, Name = "test" };
        configure?.Invoke(request);
        return Keys.CallAsync<CreateKeyRequest, CreateKeyReply>("CreateKey", request);
    }

    public Task<AuthenticateReply> AuthenticateAsync(string secret, string clientIp = "") =>
        Auth.CallAsync<AuthenticateRequest, AuthenticateReply>("Authenticate", new AuthenticateRequest { Secret = secret, ClientIp = clientIp });

    public async ValueTask DisposeAsync()
    {
        // Null when start-up failed part way.
        if (Events is not null)
        {
            await Events.DisposeAsync();
        }
        _identity?.Dispose();
        _ledger?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
        }
        Directory.Delete(_state, recursive: true);
    }
}
