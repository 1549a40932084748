using Platform.AppHost.FirstRun;
using Platform.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Operator secrets: generated into .platform/secrets.json on first run, or given as Parameters__<name>.
var adminToken = builder.AddParameter("admin-token");
var encryptionKey = builder.AddParameter("encryption-key", generatedLength: 44);
var paymentsSecret = builder.AddParameter("payments-sandbox-secret");

var postgres = builder.AddPostgres("postgres");
var ledgerDb = postgres.AddDatabase("ledgerdb");
var identityDb = postgres.AddDatabase("identitydb");
var relayDb = postgres.AddDatabase("relaydb");
postgres.AddDatabase("filesdb");
postgres.AddDatabase("jobsdb");
var redis = builder.AddRedis("redis");
var rabbitmq = builder.AddRabbitMQ("rabbitmq");

var ledger = builder.AddProject("ledger", "services/Ledger/Ledger.csproj")
    .WithHttp2Endpoint("grpc")
    .WithReference(ledgerDb).WaitFor(ledgerDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithEnvironment("Ledger__Payments__Sandbox__Secret", paymentsSecret);

var identity = builder.AddProject("identity", "services/Identity/Identity.csproj")
    .WithHttp2Endpoint("grpc")
    .WithReference(identityDb).WaitFor(identityDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithReference(ledger).WaitFor(ledger);

// The public face: OpenAI-compatible relay, management and operator APIs on the public port.
builder.AddProject("edge", "services/EdgeRelay/EdgeRelay.csproj")
    .WithHttpEndpoint("http", port: builder.Options.PublicPort, isExternal: true)
    .WithReference(relayDb).WaitFor(relayDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithReference(identity).WaitFor(identity)
    .WithReference(ledger).WaitFor(ledger)
    .WithEnvironment("Edge__AdminToken", adminToken)
    .WithEnvironment("Edge__EncryptionKey", encryptionKey);

// The LLM providers' stand-in for local runs and tests; never deployed.
builder.AddProject("upstream-sim", "services/UpstreamSim/UpstreamSim.csproj").ExcludeFromManifest();

// First run: a demo user, key and simulator channel, and how to call them.
builder.OnReady(DemoSeed.RunAsync);

return await builder.Build().RunAsync();
