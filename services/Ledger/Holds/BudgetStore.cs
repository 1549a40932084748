using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts.Events.Ledger;
using Platform.Ledger.Pricing;
using Platform.Messaging.Outbox;
using Platform.Pricing;

namespace Platform.Ledger.Holds;

/// <summary>
/// Budgets: a hold that a relay raises as it needs and that many calls settle against in batches (migration 0008), so
/// the relay makes no ledger round trip per call. A batch is one transaction whatever its size: one call of ledger_draw
/// for the draws, one statement for the items settling their own holds, one for the usage records and one
/// BalanceChanged per wallet. An item that cannot be booked fails alone.
/// </summary>
internal sealed class BudgetStore(NpgsqlDataSource db, PriceCatalogCache prices, OutboxWriter outbox, IOptions<HoldOptions> options, TimeProvider clock)
{
    public async Task<HoldOutcome> RaiseAsync(string requestId, long total, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RaiseRow>(new CommandDefinition(
            "SELECT outcome, amount, available, expires_at AS ExpiresAt FROM ledger_raise(@requestId, @total, @ttl)",
            new { requestId, total, ttl = ttl ?? options.Value.DefaultTtl }, cancellationToken: cancellationToken))
            ?? throw new HoldNotFoundException(requestId);
        var (status, replayed) = row.Outcome switch
        {
            "raised" => (HoldStatus.Active, false),
            "unchanged" => (HoldStatus.Active, true),
            "insufficient" => (HoldStatus.Refused, false),
            _ => throw new HoldStateException($"hold '{requestId}' is {row.Outcome}; only an active hold can be raised, open a new budget with Hold"),
        };
        return new HoldOutcome(status, row.Amount, row.Available!.Value, new DateTimeOffset(row.ExpiresAt), replayed);
    }

    /// <summary>Settles <paramref name="calls"/> (distinct request_ids); the outcomes are in the same order.</summary>
    public async Task<SettleItemOutcome[]> SettleBatchAsync(IReadOnlyList<SettleCall> calls, CancellationToken cancellationToken)
    {
        var catalog = await prices.CurrentAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var outcomes = new SettleItemOutcome[calls.Count];
        var quotes = new PriceQuote[calls.Count];
        var draws = new List<int>();
        var holds = new List<int>();
        for (var i = 0; i < calls.Count; i++)
        {
            try
            {
                quotes[i] = PriceCalculator.Calculate(catalog, calls[i].Usage, now);
                (calls[i].BudgetId is null ? holds : draws).Add(i);
            }
            catch (PricingException exception)
            {
                outcomes[i] = SettleItemOutcome.Failed(exception.Message);
            }
        }
        if (draws.Count + holds.Count == 0)
        {
            return outcomes;
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Booked in this order, so the last item booked on a wallet carries the wallet's final balance.
        var booked = new List<(int Item, Guid AccountId)>();
        if (holds.Count > 0)
        {
            // ledger_draw and ledger_settle lock as they go; taking every lock of the batch first, holds before wallets,
            // keeps a batch from deadlocking with a single Settle or Void of one of its holds.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT ledger_lock_holds(@ids)",
                new { ids = holds.Select(i => calls[i].RequestId).Concat(draws.Select(i => calls[i].BudgetId!)).ToArray() },
                transaction, cancellationToken: cancellationToken));
        }
        if (draws.Count > 0)
        {
            await DrawAsync(transaction, calls, quotes, draws, catalog.Version, outcomes, booked, cancellationToken);
        }
        if (holds.Count > 0)
        {
            await SettleHoldsAsync(transaction, calls, quotes, holds, catalog.Version, outcomes, booked, cancellationToken);
        }

        await UsageRecordWriter.InsertAsync(transaction,
            booked.Select(b => new SettledUsage(calls[b.Item], b.AccountId, outcomes[b.Item].Settled!, quotes[b.Item].Snapshot)).ToArray(),
            cancellationToken);
        var finalBalances = new Dictionary<Guid, SettleOutcome>();
        foreach (var (item, accountId) in booked)
        {
            finalBalances[accountId] = outcomes[item].Settled!;
        }
        foreach (var (accountId, last) in finalBalances)
        {
            await outbox.EnqueueAsync(transaction, new BalanceChanged(accountId, last.Wallet.Balance, last.Wallet.Held, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    private static async Task DrawAsync(NpgsqlTransaction transaction, IReadOnlyList<SettleCall> calls, PriceQuote[] quotes, List<int> draws,
        int priceVersion, SettleItemOutcome[] outcomes, List<(int, Guid)> booked, CancellationToken cancellationToken)
    {
        var rows = (await transaction.Connection!.QueryAsync<DrawRow>(new CommandDefinition(
            """
            SELECT outcome, account_id AS AccountId, cost, charged, written_off AS WrittenOff, from_budget AS FromBudget,
                price_version AS PriceVersion, balance, held, replayed
            FROM ledger_draw(@requestIds, @budgetIds, @costs, @priceVersion)
            """,
            new
            {
                requestIds = draws.Select(i => calls[i].RequestId).ToArray(),
                budgetIds = draws.Select(i => calls[i].BudgetId).ToArray(),
                costs = draws.Select(i => quotes[i].CostMicroCoins).ToArray(),
                priceVersion,
            },
            transaction, cancellationToken: cancellationToken))).AsList();
        for (var k = 0; k < draws.Count; k++)
        {
            var (item, row) = (draws[k], rows[k]);
            var call = calls[item];
            outcomes[item] = row.Outcome switch
            {
                "settled" => new SettleItemOutcome(new SettleOutcome(row.Cost!.Value, row.Charged!.Value, row.WrittenOff!.Value, row.PriceVersion!.Value,
                    new(row.Balance!.Value, row.Held!.Value), row.Replayed, row.FromBudget!.Value), null),
                "unknown_budget" => SettleItemOutcome.Failed(
                    $"no budget has request_id '{call.BudgetId}'; open it with Hold (and grow it with Raise) before drawing from it"),
                _ => SettleItemOutcome.Failed(
                    $"request_id '{call.RequestId}' is already used by a hold or by a draw from another budget; a new call needs a new request_id"),
            };
            if (row is { Outcome: "settled", Replayed: false })
            {
                booked.Add((item, row.AccountId!.Value));
            }
        }
    }

    private static async Task SettleHoldsAsync(NpgsqlTransaction transaction, IReadOnlyList<SettleCall> calls, PriceQuote[] quotes, List<int> holds,
        int priceVersion, SettleItemOutcome[] outcomes, List<(int, Guid)> booked, CancellationToken cancellationToken)
    {
        // One statement settles them all; an unknown hold has no row, so each row says which item it answers.
        var rows = await transaction.Connection!.QueryAsync<int, SettleRow, (int Index, SettleRow Row)>(new CommandDefinition(
            $"""
            SELECT (i.ord - 1)::int AS index, {SettleRow.Columns}
            FROM unnest(@requestIds, @costs) WITH ORDINALITY AS i (hold_id, hold_cost, ord),
                LATERAL ledger_settle(i.hold_id, i.hold_cost, @priceVersion) s
            ORDER BY i.ord
            """,
            new
            {
                requestIds = holds.Select(i => calls[i].RequestId).ToArray(),
                costs = holds.Select(i => quotes[i].CostMicroCoins).ToArray(),
                priceVersion,
            },
            transaction, cancellationToken: cancellationToken), (index, row) => (index, row), splitOn: "status");
        foreach (var item in holds)
        {
            outcomes[item] = SettleItemOutcome.Failed(new HoldNotFoundException(calls[item].RequestId).Message);
        }
        foreach (var (index, row) in rows)
        {
            var item = holds[index];
            outcomes[item] = row.Refusal(calls[item].RequestId) is { } refusal
                ? SettleItemOutcome.Failed(refusal)
                : new SettleItemOutcome(row.ToOutcome(), null);
            if (outcomes[item].Settled is not null && !row.Replayed)
            {
                booked.Add((item, row.AccountId));
            }
        }
    }

    private sealed record RaiseRow(string Outcome, long Amount, long? Available, DateTime ExpiresAt);

    private sealed record DrawRow(string Outcome, Guid? AccountId, long? Cost, long? Charged, long? WrittenOff, long? FromBudget,
        int? PriceVersion, long? Balance, long? Held, bool Replayed);
}
