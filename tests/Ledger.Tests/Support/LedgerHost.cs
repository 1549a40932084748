using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Ledger.Accounts;
using Platform.Ledger.Holds;
using Platform.Ledger.Pricing;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Support;

/// <summary>
/// The ledger's real composition (AddLedgerServices) on a fresh database, without Kestrel: migrations, the seeded
/// catalog, the outbox to the real RabbitMQ. The background sweeper runs once at start; tests sweep explicitly.
/// </summary>
internal sealed class LedgerHost : IAsyncDisposable
{
    public const string SandboxSecret = "sandbox-test-secret";

    private readonly IHost _host;

    private LedgerHost(IHost host) => _host = host;

    public NpgsqlDataSource Db => Get<NpgsqlDataSource>();
    public AccountStore Accounts => Get<AccountStore>();
    public HoldStore Holds => Get<HoldStore>();
    public BudgetStore Budgets => Get<BudgetStore>();
    public HoldSweeper Sweeper => Get<HoldSweeper>();
    public PriceCatalogStore Catalogs => Get<PriceCatalogStore>();

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<LedgerHost> StartAsync(PlatformInfrastructure infrastructure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "Ledger.Tests" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ledgerdb"] = await infrastructure.CreateDatabaseAsync("ledger"),
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["Ledger:Holds:SweepInterval"] = "01:00:00",
            ["Ledger:Payments:Sandbox:Secret"] = SandboxSecret,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddLedgerServices();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new LedgerHost(host);
    }

    /// <summary>A new wallet credited with <paramref name="coins"/> whole coins (none for 0).</summary>
    public async Task<Guid> NewWalletAsync(long coins)
    {
        var account = Guid.NewGuid();
        if (coins > 0)
        {
            await Accounts.CreditAsync($"seed-{account}", account, coins * Coins.MicroPerCoin, CreditSourceKind.Payment,
                TestContext.Current.CancellationToken);
        }
        return account;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
