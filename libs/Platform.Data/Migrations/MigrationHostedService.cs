using Microsoft.Extensions.Hosting;

namespace Platform.Data.Migrations;

// Start-up waits for it: a migration that fails stops the service before it serves anything.
internal sealed class MigrationHostedService(PostgresMigrator migrator, IEnumerable<MigrationSet> sets) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(sets, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
