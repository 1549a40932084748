using MassTransit;
using Platform.Grpc.Client;
using Platform.Grpc.Server;
using Platform.Identity.Auth;
using Platform.Identity.Grpc;
using Platform.Identity.Keys;
using Platform.Identity.Users;

namespace Microsoft.Extensions.Hosting;

internal static class IdentityServiceExtensions
{
    /// <summary>
    /// The queue of the membership consumer. Named after the service, so that another service's consumer of the same
    /// event gets its own queue; configurable so that separate deployments (or test runs) sharing a broker do not compete.
    /// </summary>
    public const string MembershipQueueKey = "Identity:MembershipQueue";

    /// <summary>identitydb with its migrations, the outbox and the membership consumer, the ledger client, the stores.</summary>
    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDataSource("identitydb").AddPostgresMigrations(typeof(IdentityServiceExtensions).Assembly);
        var membershipQueue = builder.Configuration[MembershipQueueKey] ?? "identity-membership-changed";
        builder.AddPlatformMessaging(bus => bus.AddConsumer<MembershipChangedConsumer>().Endpoint(endpoint => endpoint.Name = membershipQueue));

        var services = builder.Services;
        services.AddGrpcServer();
        services.AddGrpcChannels();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LedgerWallets>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<UserRegistration>();
        services.AddSingleton<KeyStore>();
        services.AddSingleton<SpendStore>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<AuthGrpcService>();
        services.AddSingleton<KeysGrpcService>();
        services.AddSingleton<UsersGrpcService>();
        return builder;
    }
}
