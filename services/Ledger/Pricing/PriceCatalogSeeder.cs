namespace Platform.Ledger.Pricing;

/// <summary>Publishes the checked-in catalog as version 1 on a database that has none (runs after the migrations).</summary>
internal sealed class PriceCatalogSeeder(PriceCatalogStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.SeedAsync(CheckedInCatalog.Load(), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
