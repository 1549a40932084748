using MassTransit;
using Npgsql;
using Platform.Contracts.Events.Ledger;
using Platform.Messaging.Inbox;

namespace Platform.Identity.Users;

/// <summary>
/// Keeps users' tiers in step with the ledger. Once per message (the inbox), and never backwards: an event older than
/// the one applied last (the outbox may publish concurrent changes out of order) is ignored.
/// </summary>
internal sealed partial class MembershipChangedConsumer(NpgsqlDataSource db, ILogger<MembershipChangedConsumer> logger)
    : InboxConsumer<MembershipChanged>(db)
{
    protected override async Task ConsumeOnceAsync(ConsumeContext<MembershipChanged> context, NpgsqlTransaction transaction)
    {
        var change = context.Message;
        // A tier this build does not know fails the message into the error queue, where it waits for a newer build.
        var tier = TierStanding.Parse(change.Tier);
        var standing = tier == MembershipTier.Free ? TierStanding.Free : new TierStanding(tier, change.ExpiresAt);
        if (await UserStore.ApplyMembershipAsync(transaction, change.UserId, standing, change.ChangedAt, context.CancellationToken))
        {
            LogApplied(change.UserId, change.Tier);
        }
        else
        {
            LogIgnored(change.UserId, change.ChangedAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is now {Tier}")]
    private partial void LogApplied(Guid userId, string tier);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a membership change of {ChangedAt} for user {UserId}: unknown user or a newer change applied")]
    private partial void LogIgnored(Guid userId, DateTimeOffset changedAt);
}
