using MassTransit;
using Platform.Contracts.Events.Identity;
using Platform.Contracts.Events.Ledger;

namespace Platform.EdgeRelay.Auth;

/// <summary>
/// Drops cached principals when identity or the ledger says a key or user changed. Every replica has its own temporary
/// queue (see EdgeServiceExtensions), so each one hears every event; evicting twice is harmless, so no inbox is needed.
/// </summary>
internal sealed class PrincipalEvictionConsumer(PrincipalCache cache) :
    IConsumer<ApiKeyRevoked>, IConsumer<ApiKeyChanged>, IConsumer<UserDisabled>, IConsumer<ManagementTokenRotated>, IConsumer<MembershipChanged>
{
    public Task Consume(ConsumeContext<ApiKeyRevoked> context) => Evict(context.Message.KeyId, null);

    public Task Consume(ConsumeContext<ApiKeyChanged> context) => Evict(context.Message.KeyId, null);

    public Task Consume(ConsumeContext<UserDisabled> context) => Evict(null, context.Message.UserId);

    public Task Consume(ConsumeContext<ManagementTokenRotated> context) => Evict(null, context.Message.UserId);

    public Task Consume(ConsumeContext<MembershipChanged> context) => Evict(null, context.Message.UserId);

    private Task Evict(Guid? keyId, Guid? userId)
    {
        cache.Evict(keyId, userId);
        return Task.CompletedTask;
    }
}
