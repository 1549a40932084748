using Dapper;
using Npgsql;
using Platform.Contracts.Events.Ledger;
using Platform.Messaging.Outbox;

namespace Platform.Ledger.Memberships;

/// <summary>
/// Stored memberships. Every change locks the user's row first, so concurrent payments and grants of one user apply one
/// after another, each reading what the previous one committed; a change of the current tier or expiry is published.
/// </summary>
internal sealed class MembershipStore(NpgsqlDataSource db, OutboxWriter outbox, TimeProvider clock)
{
    public async Task<Membership> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MembershipRow>(new CommandDefinition(
            $"{SelectRow} WHERE user_id = @userId", new { userId }, cancellationToken: cancellationToken));
        return row?.ToMembership() ?? Membership.None;
    }

    public Task<Membership> GrantPremiumAsync(Guid userId, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        ChangeAsync(userId, current => current with { PremiumGrantedAt = clock.GetUtcNow(), PremiumExpiresAt = expiresAt }, cancellationToken);

    public Task<Membership> RevokePremiumAsync(Guid userId, CancellationToken cancellationToken) =>
        ChangeAsync(userId, current => current with { PremiumGrantedAt = null, PremiumExpiresAt = null }, cancellationToken);

    /// <summary>Recomputes VIP from the user's paid recharges, inside the transaction that marked one paid.</summary>
    public async Task<Membership> RecomputeVipAsync(NpgsqlTransaction transaction, Guid userId, CancellationToken cancellationToken)
    {
        var current = await LockAsync(transaction, userId, cancellationToken);
        // Read after the lock: a concurrent payment of this user has committed by now and is included.
        var paid = (await transaction.Connection!.QueryAsync<(DateTime PaidAt, long MicroCoins)>(new CommandDefinition(
                "SELECT paid_at, micro_coins FROM recharge_orders WHERE user_id = @userId AND status = 'paid'",
                new { userId }, transaction, cancellationToken: cancellationToken)))
            .Select(row => new PaidRecharge(new DateTimeOffset(row.PaidAt), row.MicroCoins))
            .ToList();
        var next = current with { VipExpiresAt = VipRules.ExpiresAt(paid) };
        await SaveAsync(transaction, userId, current, next, cancellationToken);
        return next;
    }

    private async Task<Membership> ChangeAsync(Guid userId, Func<Membership, Membership> change, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(transaction, userId, cancellationToken);
        var next = change(current);
        await SaveAsync(transaction, userId, current, next, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    private static async Task<Membership> LockAsync(NpgsqlTransaction transaction, Guid userId, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleAsync<MembershipRow>(new CommandDefinition(
            $"""
            INSERT INTO memberships (user_id, updated_at) VALUES (@userId, now()) ON CONFLICT (user_id) DO NOTHING;
            {SelectRow} WHERE user_id = @userId FOR UPDATE
            """,
            new { userId }, transaction, cancellationToken: cancellationToken));
        return row.ToMembership();
    }

    private async Task SaveAsync(NpgsqlTransaction transaction, Guid userId, Membership current, Membership next, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE memberships
            SET vip_expires_at = @VipExpiresAt, premium_granted_at = @PremiumGrantedAt, premium_expires_at = @PremiumExpiresAt, updated_at = @now
            WHERE user_id = @userId
            """,
            new { next.VipExpiresAt, next.PremiumGrantedAt, next.PremiumExpiresAt, now, userId }, transaction, cancellationToken: cancellationToken));
        var status = next.At(now);
        if (status != current.At(now))
        {
            await outbox.EnqueueAsync(transaction,
                new MembershipChanged(userId, status.Tier.ToString().ToLowerInvariant(), status.ExpiresAt, now), cancellationToken);
        }
    }

    private const string SelectRow =
        "SELECT vip_expires_at AS VipExpiresAt, premium_granted_at AS PremiumGrantedAt, premium_expires_at AS PremiumExpiresAt FROM memberships";

    private sealed record MembershipRow(DateTime? VipExpiresAt, DateTime? PremiumGrantedAt, DateTime? PremiumExpiresAt)
    {
        public Membership ToMembership() => new(At(VipExpiresAt), At(PremiumGrantedAt), At(PremiumExpiresAt));

        private static DateTimeOffset? At(DateTime? utc) => utc is { } value ? new DateTimeOffset(value) : null;
    }
}
