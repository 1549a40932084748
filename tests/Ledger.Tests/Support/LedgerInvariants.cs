using Dapper;
using Npgsql;

namespace Platform.Ledger.Tests.Support;

/// <summary>What must hold at every commit, each checked by one query over the whole database.</summary>
internal static class LedgerInvariants
{
    public static async Task AssertAsync(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT coalesce(sum(amount), 0)::bigint FROM postings"));
        Assert.Empty(await connection.QueryAsync<long>(
            "SELECT entry_id FROM postings GROUP BY entry_id HAVING sum(amount) <> 0"));
        Assert.Empty(await connection.QueryAsync<Guid>(
            """
            SELECT a.id FROM accounts a
            LEFT JOIN (SELECT account_id, sum(amount) AS total FROM postings GROUP BY account_id) p ON p.account_id = a.id
            WHERE a.kind = 'wallet' AND a.balance <> coalesce(p.total, 0)
            """));
        Assert.Empty(await connection.QueryAsync<Guid>(
            """
            SELECT a.id FROM accounts a
            LEFT JOIN (SELECT account_id, sum(amount - drawn) AS total FROM holds WHERE status = 'active' GROUP BY account_id) h ON h.account_id = a.id
            WHERE a.kind = 'wallet' AND a.held <> coalesce(h.total, 0)
            """));
        Assert.Empty(await connection.QueryAsync<Guid>(
            "SELECT id FROM accounts WHERE kind = 'wallet' AND (balance < 0 OR held < 0 OR held > balance)"));
        // A budget has drawn what its draws took from it, and every settled call's cost is charged or written off.
        Assert.Empty(await connection.QueryAsync<string>(
            """
            SELECT b.request_id FROM holds b
            LEFT JOIN (SELECT budget_id, sum(from_budget) AS total FROM holds WHERE budget_id IS NOT NULL GROUP BY budget_id) d ON d.budget_id = b.request_id
            WHERE b.drawn <> coalesce(d.total, 0)
            """));
        Assert.Empty(await connection.QueryAsync<string>(
            "SELECT request_id FROM holds WHERE status = 'settled' AND (charged + written_off <> cost OR charged < coalesce(from_budget, 0))"));
    }
}
