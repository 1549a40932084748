using Platform.EdgeRelay.Relay.Billing;
using Platform.EdgeRelay.Relay.Limits;
using Platform.EdgeRelay.Relay.Streaming;
using Platform.EdgeRelay.Relay.Upstream;

namespace Platform.EdgeRelay.Relay;

internal static class RelayServiceExtensions
{
    /// <summary>The relay's parts: the upstream client (one connection pool per replica), billing, the handler.</summary>
    public static IServiceCollection AddRelay(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StreamTimeouts>(configuration.GetSection("Edge:Streaming"));
        services.Configure<LimitOptions>(configuration.GetSection("Edge:Limits"));
        services.AddSingleton<CallLimits>();
        services.AddSingleton<UpstreamClient>();
        services.Configure<BudgetOptions>(configuration.GetSection("Edge:Budgets"));
        services.AddSingleton<RelayBilling>();
        services.AddSingleton<PriceBook>();
        services.AddSingleton<WalletBudgets>();
        services.AddHostedService<BudgetKeeper>(); // before the queue: hosted services stop in reverse order
        services.AddSingleton<SettleQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<SettleQueue>());
        services.AddSingleton<RelayHandler>();
        return services;
    }
}
