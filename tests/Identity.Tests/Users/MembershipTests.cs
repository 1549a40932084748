using Platform.Contracts.Events.Ledger;
using Platform.Contracts.Identity.V1;
using Platform.Identity.Tests.Support;
using Platform.Testing;

namespace Platform.Identity.Tests.Users;

/// <summary>MembershipChanged from the ledger, published onto the real broker, consumed by the real process.</summary>
[Collection(IdentityCollection.Name)]
public sealed class MembershipTests(IdentityProcess identity)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MembershipChanged_SetsTheTier_OncePerMessage_AndNeverBackwards()
    {
        var user = await identity.NewUserAsync();
        var userId = Guid.Parse(user.User.UserId);
        var key = await identity.NewKeyAsync(user.User.UserId);
        var changedAt = DateTimeOffset.UtcNow;
        var vipUntil = changedAt.AddDays(30);
        var messageId = Guid.NewGuid();

        await identity.Events.PublishAsync(new MembershipChanged(userId, "vip", vipUntil, changedAt), messageId);
        await Eventually.HoldsAsync(async () => (await GetUser(user.User.UserId)).Tier == UserTier.Vip, Patience, "the user is VIP");
        var principal = (await identity.AuthenticateAsync(key.Secret)).Principal;

        // The same message again (the outbox repeats after a crash), even with other content: the inbox drops it.
        await identity.Events.PublishAsync(new MembershipChanged(userId, "premium", null, changedAt.AddMinutes(1)), messageId);
        // A new message that is older than the one applied (published out of order): ignored.
        await identity.Events.PublishAsync(new MembershipChanged(userId, "free", null, changedAt.AddMinutes(-1)), Guid.NewGuid());
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var afterRepeats = await GetUser(user.User.UserId);

        // A newer change applies.
        await identity.Events.PublishAsync(new MembershipChanged(userId, "premium", null, changedAt.AddMinutes(2)), Guid.NewGuid());
        await Eventually.HoldsAsync(async () => (await GetUser(user.User.UserId)).Tier == UserTier.Premium, Patience, "the user is Premium");
        var premium = await GetUser(user.User.UserId);

        Assert.Equal(UserTier.Vip, principal.Tier);
        Assert.Equal(vipUntil.ToUnixTimeMilliseconds(), principal.TierExpiresAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(UserTier.Vip, afterRepeats.Tier);
        Assert.Equal(vipUntil.ToUnixTimeMilliseconds(), afterRepeats.TierExpiresAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Null(premium.TierExpiresAt);
        Assert.Equal(UserTier.Premium, (await identity.AuthenticateAsync(key.Secret)).Principal.Tier);
    }

    [Fact]
    public async Task LapsedTier_ReadsAsFree()
    {
        var user = await identity.NewUserAsync();
        var changedAt = DateTimeOffset.UtcNow;

        await identity.Events.PublishAsync(new MembershipChanged(Guid.Parse(user.User.UserId), "vip", changedAt.AddSeconds(4), changedAt), Guid.NewGuid());
        await Eventually.HoldsAsync(async () => (await GetUser(user.User.UserId)).Tier == UserTier.Vip, Patience, "the user is VIP");
        await Eventually.HoldsAsync(async () => (await GetUser(user.User.UserId)).Tier == UserTier.Free, Patience, "the VIP tier lapsed");

        Assert.Null((await GetUser(user.User.UserId)).TierExpiresAt);
    }

    private Task<User> GetUser(string userId) => identity.Users.CallAsync<GetUserRequest, User>("GetUser", new GetUserRequest { UserId = userId });
}
