using Platform.Grpc.Server;
using Platform.Ledger.Accounts;
using Platform.Ledger.Grpc;
using Platform.Ledger.Holds;
using Platform.Ledger.Memberships;
using Platform.Ledger.Pricing;
using Platform.Ledger.Recharges;
using Platform.Ledger.Usage;

namespace Microsoft.Extensions.Hosting;

internal static class LedgerServiceExtensions
{
    /// <summary>ledgerdb with its migrations, the outbox to RabbitMQ, the stores, the price catalog and the background jobs.</summary>
    public static IHostApplicationBuilder AddLedgerServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDataSource("ledgerdb").AddPostgresMigrations(typeof(LedgerServiceExtensions).Assembly);
        builder.AddPlatformMessaging();

        var services = builder.Services;
        services.AddGrpcServer();
        services.AddSingleton(TimeProvider.System);
        services.Configure<HoldOptions>(builder.Configuration.GetSection("Ledger:Holds"));
        services.AddSingleton<AccountStore>();
        services.AddSingleton<HoldStore>();
        services.AddSingleton<BudgetStore>();
        services.AddSingleton<PriceCatalogStore>();
        services.AddSingleton<PriceCatalogCache>();
        services.AddSingleton<HoldSweeper>();
        services.AddSingleton<UsagePartitionMaintainer>();
        services.AddSingleton<UsageQueryStore>();
        services.AddSingleton<LedgerGrpcService>();
        services.Configure<SandboxPaymentOptions>(builder.Configuration.GetSection("Ledger:Payments:Sandbox"));
        services.AddSingleton<IPaymentProvider, SandboxPaymentProvider>();
        services.AddSingleton<MembershipStore>();
        services.AddSingleton<RechargeStore>();
        services.Configure<RechargeOptions>(builder.Configuration.GetSection("Ledger:Recharges"));
        services.AddSingleton<BillingGrpcService>();
        services.AddSingleton<PricingGrpcService>();
        services.AddHostedService<PriceCatalogSeeder>();
        services.AddHostedService(provider => provider.GetRequiredService<HoldSweeper>());
        services.AddHostedService(provider => provider.GetRequiredService<UsagePartitionMaintainer>());
        services.AddHostedService<RechargeOrderExpirer>();
        return builder;
    }
}
