using Platform.Hosting;
using Platform.Hosting.Model;
using Platform.Hosting.Resources.Projects;

namespace Platform.Testing;

/// <summary>The platform's services as tests start them: the AppHost's wiring, on fresh databases of the shared servers.</summary>
public static class ServiceProjects
{
    /// <summary>The ledger with a gRPC endpoint on a new database; <paramref name="database"/> when the test needs its connection string.</summary>
    public static async Task<IResourceBuilder<ProjectResource>> AddLedgerAsync(this DistributedApplicationBuilder builder,
        PlatformInfrastructure infrastructure, string? database = null) =>
        builder.AddProject("ledger", "services/Ledger/Ledger.csproj")
            .WithHttp2Endpoint("grpc")
            .WithEnvironment("ConnectionStrings__ledgerdb", database ?? await infrastructure.CreateDatabaseAsync("ledger"))
            .WithEnvironment("ConnectionStrings__rabbitmq", infrastructure.RabbitMqConnectionString);

    /// <summary>Identity with a gRPC endpoint, referencing <paramref name="ledger"/> (users' wallets are opened there).</summary>
    public static async Task<IResourceBuilder<ProjectResource>> AddIdentityAsync(this DistributedApplicationBuilder builder,
        PlatformInfrastructure infrastructure, IResourceBuilder<ProjectResource> ledger, string? database = null) =>
        builder.AddProject("identity", "services/Identity/Identity.csproj")
            .WithHttp2Endpoint("grpc")
            .WithReference(ledger).WaitFor(ledger)
            .WithEnvironment("ConnectionStrings__identitydb", database ?? await infrastructure.CreateDatabaseAsync("identity"))
            .WithEnvironment("ConnectionStrings__rabbitmq", infrastructure.RabbitMqConnectionString)
            // Every test assembly shares the broker: a queue of this run's own keeps other identity processes off its events.
            .WithEnvironment("Identity__MembershipQueue", $"identity-membership-changed-{Guid.NewGuid():N}");
}
