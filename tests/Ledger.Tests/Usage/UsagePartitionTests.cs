using Dapper;
using Platform.Ledger.Tests.Support;
using Platform.Ledger.Usage;
using Platform.Testing;

namespace Platform.Ledger.Tests.Usage;

public sealed class UsagePartitionTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task UsageRecords_HaveMonthlyPartitionsThreeMonthsAhead()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        await using var connection = await ledger.Db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync("DROP TABLE " + PartitionName(DateTime.UtcNow.AddMonths(3)));

        var maintainer = ledger.Get<UsagePartitionMaintainer>();
        await maintainer.EnsurePartitionsAsync(ct);

        Assert.Equal(0, await maintainer.EnsurePartitionsAsync(ct));
        var partitions = (await connection.QueryAsync<string>(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'usage_records'::regclass ORDER BY 1")).ToArray();
        Assert.Equal(Enumerable.Range(0, 4).Select(m => PartitionName(DateTime.UtcNow.AddMonths(m))), partitions);
    }

    private static string PartitionName(DateTime month) => $"usage_records_{month:yyyy_MM}";
}
