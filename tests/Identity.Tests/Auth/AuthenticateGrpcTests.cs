using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Events.Identity;
using Platform.Contracts.Identity;
using Platform.Contracts.Identity.V1;
using Platform.Identity.Keys;
using Platform.Identity.Secrets;
using Platform.Identity.Tests.Support;
using Platform.Testing;

namespace Platform.Identity.Tests.Auth;

/// <summary>Authenticate through the real processes: every refusal reason and what a principal carries.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AuthenticateGrpcTests(IdentityProcess identity)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MutatedKeys_AreMalformed_AndTheKeyItselfAuthenticates()
    {
        var user = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(user.User.UserId);
        // A deterministic sample of the 10,000 (the unit test covers all of them without the service).
        var sample = SecretMutations.Of(key.Secret, 10_000, SecretMutations.Seed).Where((_, i) => i % 40 == 0).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {SecretMutations.Seed}: {sample.Count} mutations sent");

        foreach (var mutation in sample)
        {
            var reply = await identity.AuthenticateAsync(mutation);
            Assert.Equal(AuthFailureReason.Malformed, reply.Reason);
        }
        Assert.Equal(AuthenticateReply.ResultOneofCase.Principal, (await identity.AuthenticateAsync(key.Secret)).ResultCase);
        Assert.Equal(AuthFailureReason.Malformed, (await identity.AuthenticateAsync("")).Reason);
    }

    [Fact]
    public async Task WellFormedSecretsNobodyHas_AreUnknown()
    {
        Assert.Equal(AuthFailureReason.Unknown, (await identity.AuthenticateAsync(SecretFormat.Generate(SecretFormat.ApiKeyPrefix))).Reason);
        Assert.Equal(AuthFailureReason.Unknown, (await identity.AuthenticateAsync(SecretFormat.Generate(SecretFormat.ManagementTokenPrefix))).Reason);
    }

    [Fact]
    public async Task Principal_CarriesTheKeySettingsAndTheUser()
    {
        var user = await identity.NewUserAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);
        var key = await identity.NewKeyAsync(user.User.UserId, request =>
        {
            request.Name = "laptop";
            request.AllowedModels.Add(["gpt-4o", "claude-3*"]);
            request.CheckModels = true;
            request.Search = true;
            request.QuotaMicroCoins = 5_000_000;
            request.ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt);
            request.RpmLimit = 60;
            request.TpmLimit = 100_000;
        });

        var principal = (await identity.AuthenticateAsync(key.Secret)).Principal;

        Assert.Equal(PrincipalKind.ApiKey, principal.Kind);
        Assert.Equal((user.User.UserId, key.Key.KeyId, "laptop"), (principal.UserId, principal.KeyId, principal.KeyName));
        Assert.Equal((true, false, true), (principal.CheckModels, principal.Admin, principal.Search));
        Assert.Equal(["gpt-4o", "claude-3*"], principal.AllowedModels);
        Assert.Equal((5_000_000L, 0L, 60, 100_000), (principal.QuotaMicroCoins, principal.SpentMicroCoins, principal.RpmLimit, principal.TpmLimit));
        Assert.Empty(principal.AllowedIps);
        Assert.Equal(UserTier.Free, principal.Tier);
        Assert.Null(principal.TierExpiresAt);
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds(), principal.KeyExpiresAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task NewKeys_DoNotCheckModels_AndTheMatrixHoldsThroughThePrincipal()
    {
        var user = await identity.NewUserAsync();
        var defaults = await identity.NewKeyAsync(user.User.UserId, request => request.AllowedModels.Add("gpt-4o"));
        Assert.False(defaults.Key.CheckModels);

        string[] models = ["gpt-4o", "claude-3-5-sonnet-20241022", "o1-preview"];
        foreach (var (checkModels, admin, expected) in new[]
        {
            (false, false, new[] { true, true, true }),
            (false, true, new[] { true, true, true }),
            (true, true, new[] { true, true, true }),
            (true, false, new[] { true, true, false }),
        })
        {
            var key = await identity.NewKeyAsync(user.User.UserId, request =>
            {
                request.AllowedModels.Add(["gpt-4o", "claude-3*"]);
                (request.CheckModels, request.Admin) = (checkModels, admin);
            });
            var principal = (await identity.AuthenticateAsync(key.Secret)).Principal;
            var list = new ModelAllowList(principal.AllowedModels, principal.CheckModels, principal.Admin);
            Assert.Equal(expected, models.Select(list.Allows).ToArray());
        }
    }

    [Fact]
    public async Task ExpiredKey_IsRefusedAsExpired()
    {
        var user = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(user.User.UserId, request => request.ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(3)));

        Assert.Equal(AuthenticateReply.ResultOneofCase.Principal, (await identity.AuthenticateAsync(key.Secret)).ResultCase);
        await Eventually.HoldsAsync(async () => (await identity.AuthenticateAsync(key.Secret)).Reason == AuthFailureReason.Expired,
            Patience, "the key authenticates as EXPIRED");
    }

    [Theory]
    [InlineData("203.0.113.9", true)]
    [InlineData("::ffff:203.0.113.9", true)]
    [InlineData("198.51.100.1", false)]
    [InlineData("2001:db8:42::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("192.0.2.7", true)]
    [InlineData("192.0.2.8", false)]
    [InlineData("", false)]
    public async Task IpAllowList_AdmitsOnlyItsNetworks(string clientIp, bool admitted)
    {
        var user = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(user.User.UserId, request => request.AllowedIps.Add(["203.0.113.0/24", "2001:db8::/32", "192.0.2.7"]));

        var reply = await identity.AuthenticateAsync(key.Secret, clientIp);

        Assert.Equal(["203.0.113.0/24", "2001:db8::/32", "192.0.2.7/32"], key.Key.AllowedIps);
        if (admitted)
        {
            Assert.Equal(["203.0.113.0/24", "2001:db8::/32", "192.0.2.7/32"], reply.Principal.AllowedIps);
        }
        else
        {
            Assert.Equal(AuthFailureReason.IpNotAllowed, reply.Reason);
        }
    }

    [Fact]
    public async Task SpentQuota_IsRefusedAsQuotaSpent()
    {
        var user = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(user.User.UserId, request => request.QuotaMicroCoins = 1_000);
        var keyId = key.Key.KeyId;

        var first = await identity.Keys.CallAsync<RecordSpendRequest, RecordSpendReply>("RecordSpend", new RecordSpendRequest { KeyId = keyId, RequestId = $"{keyId}-1", AmountMicroCoins = 600 });
        var stillValid = await identity.AuthenticateAsync(key.Secret);
        var second = await identity.Keys.CallAsync<RecordSpendRequest, RecordSpendReply>("RecordSpend", new RecordSpendRequest { KeyId = keyId, RequestId = $"{keyId}-2", AmountMicroCoins = 400 });
        var spent = await identity.AuthenticateAsync(key.Secret);

        Assert.False(first.QuotaSpent);
        Assert.Equal(600, stillValid.Principal.SpentMicroCoins);
        Assert.Equal((1_000L, true), (second.SpentMicroCoins, second.QuotaSpent));
        Assert.Equal(AuthFailureReason.QuotaSpent, spent.Reason);
        // One ApiKeyChanged for the issue, one for the spend that used the quota up; the spend before it changed no setting.
        await Eventually.HoldsAsync(() => Task.FromResult(identity.Events.Received<ApiKeyChanged>().Count(e => e.KeyId == Guid.Parse(keyId)) >= 2),
            Patience, "ApiKeyChanged tells caches the quota is spent");
        Assert.Equal(2, identity.Events.Received<ApiKeyChanged>().Count(e => e.KeyId == Guid.Parse(keyId)));
    }

    [Fact]
    public async Task DisabledUser_StopsKeysAndTheManagementToken_UntilEnabledAgain()
    {
        var user = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(user.User.UserId);
        var userId = user.User.UserId;

        var token = await identity.AuthenticateAsync(user.ManagementToken);
        await identity.Users.CallAsync<UpdateUserRequest, User>("UpdateUser", new UpdateUserRequest { UserId = userId, Disabled = true });
        var keyWhileDisabled = await identity.AuthenticateAsync(key.Secret);
        var tokenWhileDisabled = await identity.AuthenticateAsync(user.ManagementToken);
        var newKey = await Assert.ThrowsAsync<Platform.Grpc.RpcException>(() => identity.NewKeyAsync(userId));
        await identity.Users.CallAsync<UpdateUserRequest, User>("UpdateUser", new UpdateUserRequest { UserId = userId, Disabled = false });

        Assert.Equal((PrincipalKind.ManagementToken, userId, ""), (token.Principal.Kind, token.Principal.UserId, token.Principal.KeyId));
        Assert.Equal(AuthFailureReason.UserDisabled, keyWhileDisabled.Reason);
        Assert.Equal(AuthFailureReason.UserDisabled, tokenWhileDisabled.Reason);
        Assert.Equal(Platform.Grpc.StatusCode.FailedPrecondition, newKey.StatusCode);
        Assert.Equal(AuthenticateReply.ResultOneofCase.Principal, (await identity.AuthenticateAsync(key.Secret)).ResultCase);
        Assert.Equal(AuthenticateReply.ResultOneofCase.Principal, (await identity.AuthenticateAsync(user.ManagementToken)).ResultCase);
        await identity.Events.WaitForAsync<UserDisabled>(e => e.UserId == Guid.Parse(userId), Patience, "UserDisabled is delivered");
    }

    [Fact]
    public async Task RevokedKey_StopsAtOnce_AndApiKeyRevokedIsDelivered()
    {
        var user = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(user.User.UserId);
        var other = await identity.NewKeyAsync(user.User.UserId);
        var delete = new DeleteKeyRequest { UserId = user.User.UserId, KeyId = key.Key.KeyId };

        var deleted = await identity.Keys.CallAsync<DeleteKeyRequest, DeleteKeyReply>("DeleteKey", delete);
        var afterwards = await identity.AuthenticateAsync(key.Secret);
        var again = await identity.Keys.CallAsync<DeleteKeyRequest, DeleteKeyReply>("DeleteKey", delete);

        Assert.True(deleted.Revoked);
        Assert.Equal(AuthFailureReason.Revoked, afterwards.Reason);
        Assert.False(again.Revoked);
        Assert.Equal(AuthenticateReply.ResultOneofCase.Principal, (await identity.AuthenticateAsync(other.Secret)).ResultCase);
        var revoked = await identity.Events.WaitForAsync<ApiKeyRevoked>(e => e.KeyId == Guid.Parse(key.Key.KeyId), Patience, "ApiKeyRevoked is delivered");
        Assert.Equal(Guid.Parse(user.User.UserId), revoked.UserId);
        Assert.Single(identity.Events.Received<ApiKeyRevoked>(), e => e.KeyId == revoked.KeyId);
    }

    [Fact]
    public async Task RotatedManagementToken_ReplacesTheOldOneAtOnce_AndTellsTheCaches()
    {
        var user = await identity.NewUserAsync();
        var userId = user.User.UserId;

        var rotated = await identity.Users.CallAsync<RotateManagementTokenRequest, RotateManagementTokenReply>(
            "RotateManagementToken", new RotateManagementTokenRequest { UserId = userId });
        var shown = await identity.Users.CallAsync<GetManagementTokenRequest, ManagementToken>("GetManagementToken", new GetManagementTokenRequest { UserId = userId });

        Assert.Equal(AuthFailureReason.Unknown, (await identity.AuthenticateAsync(user.ManagementToken)).Reason);
        Assert.Equal(userId, (await identity.AuthenticateAsync(rotated.ManagementToken)).Principal.UserId);
        Assert.StartsWith("mt-", rotated.ManagementToken, StringComparison.Ordinal);
        Assert.Equal((rotated.ManagementToken[..7], rotated.ManagementToken[^4..]), (shown.DisplayPrefix, shown.LastFour));
        Assert.Equal(rotated.Info, shown);
        await identity.Events.WaitForAsync<ManagementTokenRotated>(e => e.UserId.ToString() == userId, TimeSpan.FromSeconds(10), "ManagementTokenRotated arrives");
    }

    [Fact]
    public async Task ClientIpThatIsNoAddress_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<Platform.Grpc.RpcException>(() => identity.AuthenticateAsync(SecretFormat.Generate("sk-"), "not-an-ip"));

        Assert.Equal(Platform.Grpc.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("client_ip 'not-an-ip'", error.Detail);
    }
}
