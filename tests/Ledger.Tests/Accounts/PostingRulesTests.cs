using Dapper;
using Npgsql;
using Platform.Ledger.Accounts;
using Platform.Ledger.Tests.Support;
using Platform.Testing;

namespace Platform.Ledger.Tests.Accounts;

/// <summary>The database itself refuses an unbalanced entry and any change to a posting, whoever writes.</summary>
public sealed class PostingRulesTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Postings_RefuseUnbalancedEntries_IncludingLinesAddedToABalancedOne()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(10);
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        var entry = await connection.ExecuteScalarAsync<long>("INSERT INTO journal_entries (kind, reference) VALUES ('credit', 'posting-rules') RETURNING id");

        var lopsided = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO postings (entry_id, account_id, amount) VALUES (@entry, @wallet, 5), (@entry, @Revenue, -4)",
            new { entry, wallet, PlatformAccounts.Revenue }));
        await connection.ExecuteAsync(
            "INSERT INTO postings (entry_id, account_id, amount) VALUES (@entry, @wallet, 5), (@entry, @Revenue, -5)",
            new { entry, wallet, PlatformAccounts.Revenue });
        var addedAlone = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO postings (entry_id, account_id, amount) VALUES (@entry, @WriteOffs, 3)", new { entry, PlatformAccounts.WriteOffs }));
        await connection.ExecuteAsync(
            "INSERT INTO postings (entry_id, account_id, amount) VALUES (@entry, @WriteOffs, 3), (@entry, @OperatorGrants, -3)",
            new { entry, PlatformAccounts.WriteOffs, PlatformAccounts.OperatorGrants });
        var changed = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "UPDATE postings SET amount = 6 WHERE entry_id = @entry AND account_id = @wallet", new { entry, wallet }));

        Assert.Equal((PostgresErrorCodes.CheckViolation, PostgresErrorCodes.CheckViolation), (lopsided.SqlState, addedAlone.SqlState));
        Assert.Equal(PostgresErrorCodes.RestrictViolation, changed.SqlState);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT sum(amount)::bigint FROM postings WHERE entry_id = @entry", new { entry }));
    }
}
