using Dapper;
using Npgsql;
using Platform.Ledger.Accounts;
using Platform.Ledger.Memberships;

namespace Platform.Ledger.Recharges;

/// <summary>
/// Recharge orders. A payment is applied in one transaction that locks the order: it becomes paid, the wallet is
/// credited from payment clearing (request_id <c>recharge:&lt;order id&gt;</c>) and VIP is recomputed, with their events;
/// a replay finds the order paid and changes nothing.
/// </summary>
internal sealed class RechargeStore(NpgsqlDataSource db, AccountStore accounts, MembershipStore memberships, TimeProvider clock, ILogger<RechargeStore> logger)
{
    public async Task<RechargeOrder> CreateAsync(Guid userId, RechargeAmount amount, IPaymentProvider provider, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var checkout = provider.BeginCheckout(id, amount);
        var order = new RechargeOrder(id, userId, provider.Name, amount, RechargeOrderStatus.Pending, checkout.ProviderReference, checkout.Url,
            clock.GetUtcNow(), PaidAt: null);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO recharge_orders (id, user_id, provider, amount, currency, micro_coins, status, provider_reference, checkout_url, created_at, updated_at)
            VALUES (@Id, @UserId, @Provider, @amount, @currency, @microCoins, 'pending', @ProviderReference, @CheckoutUrl, @CreatedAt, @CreatedAt)
            """,
            new { order.Id, order.UserId, order.Provider, amount = amount.Amount, currency = amount.Code, microCoins = amount.MicroCoins,
                order.ProviderReference, order.CheckoutUrl, order.CreatedAt },
            cancellationToken: cancellationToken));
        return order;
    }

    public async Task<RechargeOrder?> GetAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            $"{SelectOrder} WHERE id = @orderId", new { orderId }, cancellationToken: cancellationToken));
        return row?.ToOrder();
    }

    /// <summary>A user's orders, newest first, after the order <paramref name="after"/> when given.</summary>
    public async Task<IReadOnlyList<RechargeOrder>> ListAsync(Guid userId, Guid? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrderRow>(new CommandDefinition(
            $"""
            {SelectOrder}
            WHERE user_id = @userId
              AND (@after::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM recharge_orders WHERE id = @after AND user_id = @userId))
            ORDER BY created_at DESC, id DESC
            LIMIT @limit
            """,
            new { userId, after, limit }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToOrder()).ToList();
    }

    /// <summary>Marks orders still pending that were created before <paramref name="createdBefore"/> as expired.</summary>
    public async Task<int> ExpirePendingAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE recharge_orders SET status = 'expired', updated_at = @now WHERE status = 'pending' AND created_at < @createdBefore",
            new { createdBefore, now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    public async Task<PaymentOutcome> ApplyAsync(string provider, PaymentNotification notification, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var order = (await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            $"{SelectOrder} WHERE id = @OrderId FOR UPDATE", new { notification.OrderId }, transaction, cancellationToken: cancellationToken)))?.ToOrder();
        if (order is null)
        {
            return PaymentOutcome.UnknownOrder;
        }
        if (order.Provider != provider || order.ProviderReference != notification.ProviderReference || order.Amount != notification.Amount)
        {
            logger.LogWarning("Refused a {Provider} notification for order {OrderId}: its reference, amount or currency differ from the order's",
                provider, order.Id);
            return PaymentOutcome.Mismatch;
        }
        // Paid is final; a payment that arrives after a failure or expiry still happened, so it is applied.
        if (order.Status == RechargeOrderStatus.Paid || (!notification.Paid && order.Status != RechargeOrderStatus.Pending))
        {
            return PaymentOutcome.AlreadyFinal;
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE recharge_orders SET status = @status, paid_at = @paidAt, updated_at = @now WHERE id = @id",
            new { status = notification.Paid ? "paid" : "failed", paidAt = notification.Paid ? now : (DateTimeOffset?)null, now, id = order.Id },
            transaction, cancellationToken: cancellationToken));
        if (notification.Paid)
        {
            await accounts.CreditAsync(transaction, $"recharge:{order.Id}", order.UserId, order.Amount.MicroCoins, CreditSourceKind.Payment, cancellationToken);
            await memberships.RecomputeVipAsync(transaction, order.UserId, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return notification.Paid ? PaymentOutcome.Credited : PaymentOutcome.MarkedFailed;
    }

    private const string SelectOrder =
        """
        SELECT id, user_id AS UserId, provider, amount, currency, status, provider_reference AS ProviderReference,
               checkout_url AS CheckoutUrl, created_at AS CreatedAt, paid_at AS PaidAt
        FROM recharge_orders
        """;

    private sealed record OrderRow(Guid Id, Guid UserId, string Provider, decimal Amount, string Currency, string Status,
        string ProviderReference, string CheckoutUrl, DateTime CreatedAt, DateTime? PaidAt)
    {
        public RechargeOrder ToOrder() => new(Id, UserId, Provider,
            new RechargeAmount(Amount, RechargeAmount.ParseCurrency(Currency) ?? throw new InvalidOperationException($"unknown currency '{Currency}' in the database")),
            Enum.Parse<RechargeOrderStatus>(Status, ignoreCase: true), ProviderReference, CheckoutUrl, new DateTimeOffset(CreatedAt),
            PaidAt is { } paidAt ? new DateTimeOffset(paidAt) : null);
    }
}
