using Platform.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Operator secrets: generated into .platform/secrets.json on first run, or given as Parameters__<name>.
builder.AddParameter("admin-token");
builder.AddParameter("encryption-key", generatedLength: 44);
var paymentsSecret = builder.AddParameter("payments-sandbox-secret");

var postgres = builder.AddPostgres("postgres");
var ledgerDb = postgres.AddDatabase("ledgerdb");
var identityDb = postgres.AddDatabase("identitydb");
postgres.AddDatabase("relaydb");
postgres.AddDatabase("filesdb");
postgres.AddDatabase("jobsdb");
builder.AddRedis("redis");
var rabbitmq = builder.AddRabbitMQ("rabbitmq");

var ledger = builder.AddProject("ledger", "services/Ledger/Ledger.csproj")
    .WithHttp2Endpoint("grpc")
    .WithReference(ledgerDb).WaitFor(ledgerDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithEnvironment("Ledger__Payments__Sandbox__Secret", paymentsSecret);

builder.AddProject("identity", "services/Identity/Identity.csproj")
    .WithHttp2Endpoint("grpc")
    .WithReference(identityDb).WaitFor(identityDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithReference(ledger).WaitFor(ledger);

// The LLM providers' stand-in for local runs and tests; never deployed.
builder.AddProject("upstream-sim", "services/UpstreamSim/UpstreamSim.csproj").ExcludeFromManifest();

return await builder.Build().RunAsync();
