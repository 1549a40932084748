using Platform.Bench.Reporting;
using Platform.Contracts.Identity.V1;
using Platform.Grpc.Client;
using Platform.Hosting;

namespace Platform.Bench.Identity;

/// <summary>
/// Authenticate through the identity service's gRPC API: the real Ledger and Identity processes (Release builds) on
/// Postgres and RabbitMQ, started as the AppHost starts them. Identity keeps no cache, so every call with a real key is
/// the edge's cache-miss path: SHA-256, one indexed query joining key and user, the checks. For contrast, the same
/// load with malformed keys, which the checksum refuses without touching the database.
/// </summary>
internal static class IdentityBenchmark
{
    private const int Users = 100;
    private const int KeysPerUser = 10;
    private const int Callers = 16;

    public static async Task<IReadOnlyList<RunResult>> RunAsync(TimeSpan warmUp, TimeSpan duration)
    {
        var state = Path.Combine(Path.GetTempPath(), "platform-bench", Guid.NewGuid().ToString("N")[..12]);
        var builder = DistributedApplication.CreateBuilder(new HostingOptions
        {
            StateDirectory = state,
            Interactive = false,
            BuildConfiguration = "Release", // measure the code as it ships, not a Debug build
        });
        var postgres = builder.AddPostgres("postgres");
        var ledgerdb = postgres.AddDatabase("ledgerdb");
        var identitydb = postgres.AddDatabase("identitydb");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq");
        var ledger = builder.AddProject("ledger", "services/Ledger/Ledger.csproj")
            .WithHttp2Endpoint("grpc")
            .WithReference(ledgerdb).WithReference(rabbitmq)
            .WaitFor(ledgerdb).WaitFor(rabbitmq);
        builder.AddProject("identity", "services/Identity/Identity.csproj")
            .WithHttp2Endpoint("grpc")
            .WithReference(identitydb).WithReference(rabbitmq).WithReference(ledger)
            .WaitFor(identitydb).WaitFor(rabbitmq).WaitFor(ledger);
        var app = builder.Build();
        await app.StartAsync();
        try
        {
            using var channel = GrpcChannel.ForAddress(app.GetEndpoint("identity", "grpc"));
            var auth = channel.CreateCaller(AuthReflection.Descriptor.Services[0]);
            var secrets = await CreateKeysAsync(channel);
            var malformed = secrets.Select(secret => secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a')).ToArray();

            var calls = 0L;
            Func<Task> Authenticate(string[] pool, AuthenticateReply.ResultOneofCase expected) => async () =>
            {
                var secret = pool[Interlocked.Increment(ref calls) % pool.Length];
                var reply = await auth.UnaryAsync<AuthenticateRequest, AuthenticateReply>("Authenticate",
                    new AuthenticateRequest { Secret = secret, ClientIp = "203.0.113.10" });
                if (reply.ResultCase != expected)
                {
                    throw new InvalidOperationException($"Authenticate answered {reply}");
                }
            };

            var valid = await LatencyRecorder.RunAsync($"authenticate, {secrets.Length} real keys (each call queries Postgres)", Callers, warmUp, duration,
                Authenticate(secrets, AuthenticateReply.ResultOneofCase.Principal));
            var light = await LatencyRecorder.RunAsync($"authenticate, {secrets.Length} real keys, 1 caller", 1, warmUp, duration,
                Authenticate(secrets, AuthenticateReply.ResultOneofCase.Principal));
            var refused = await LatencyRecorder.RunAsync("authenticate, malformed keys (refused by the checksum, no query)", Callers, warmUp, duration,
                Authenticate(malformed, AuthenticateReply.ResultOneofCase.Reason));
            return [valid, light, refused];
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<string[]> CreateKeysAsync(GrpcChannel channel)
    {
        var users = channel.CreateCaller(UsersReflection.Descriptor.Services[0]);
        var keys = channel.CreateCaller(KeysReflection.Descriptor.Services[0]);
        var secrets = new List<string>(Users * KeysPerUser);
        for (var u = 0; u < Users; u++)
        {
            var user = await users.UnaryAsync<CreateUserRequest, CreateUserReply>("CreateUser", new CreateUserRequest { Email = $"bench-{u}@example.com" });
            for (var k = 0; k < KeysPerUser; k++)
            {
                // Realistic rows: an allow-list, an IP list and a quota to read and check on every call.
                var key = await keys.UnaryAsync<CreateKeyRequest, CreateKeyReply>("CreateKey", new CreateKeyRequest
                {
                    UserId = user.User.UserId,
                    Name = $"bench {k}",
                    AllowedModels = { "gpt-4o", "gpt-4o-mini", "claude-3*" },
                    CheckModels = true,
                    AllowedIps = { "203.0.113.0/24", "2001:db8::/32" },
                    QuotaMicroCoins = 1_000_000_000,
                });
                secrets.Add(key.Secret);
            }
        }
        return [.. secrets];
    }
}
