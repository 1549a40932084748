using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Events.Identity;
using Platform.Contracts.Identity.V1;
using Platform.Grpc;
using Platform.Identity.Tests.Support;
using Platform.Testing;

namespace Platform.Identity.Tests.Keys;

/// <summary>Create, list, get, update and delete through the real processes.</summary>
[Collection(IdentityCollection.Name)]
public sealed class KeyManagementTests(IdentityProcess identity)
{
    [Fact]
    public async Task CreatedKey_ShowsItsSecretOnce_AndReadsBackWithoutIt()
    {
        var user = await identity.NewUserAsync();
        var created = await identity.NewKeyAsync(user.User.UserId, request =>
        {
            request.Name = "ci runner";
            request.AllowedModels.Add(["gpt-4o", "gpt-4o", "claude-3*"]);
            request.Admin = true;
            request.AllowedIps.Add("2001:db8::/48");
        });

        var got = await identity.Keys.CallAsync<GetKeyRequest, ApiKey>("GetKey", new GetKeyRequest { UserId = user.User.UserId, KeyId = created.Key.KeyId });
        var listed = await identity.Keys.CallAsync<ListKeysRequest, ListKeysReply>("ListKeys", new ListKeysRequest { UserId = user.User.UserId });

        Assert.Matches("^sk-[0-9A-Za-z]{49}$", created.Secret);
        Assert.Equal((created.Secret[..7], created.Secret[^4..]), (got.DisplayPrefix, got.LastFour));
        Assert.Equal(created.Key, got);
        Assert.Equal(got, Assert.Single(listed.Keys));
        Assert.Equal(["gpt-4o", "claude-3*"], got.AllowedModels);
        Assert.Equal(("ci runner", false, true, false), (got.Name, got.CheckModels, got.Admin, got.Search));
        Assert.False(got.HasQuotaMicroCoins);
        Assert.Null(got.ExpiresAt);
        Assert.DoesNotContain(created.Secret[7..^4], got.ToString(), StringComparison.Ordinal);
        Assert.Empty(listed.NextPageToken);
    }

    [Fact]
    public async Task ListKeys_PagesNewestFirst_OverOnlyTheUsersLiveKeys()
    {
        var user = await identity.NewUserAsync();
        var stranger = await identity.NewUserAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await identity.NewKeyAsync(user.User.UserId, request => request.Name = $"key {i}")).Key.KeyId);
        }
        await identity.NewKeyAsync(stranger.User.UserId);
        await identity.Keys.CallAsync<DeleteKeyRequest, DeleteKeyReply>("DeleteKey", new DeleteKeyRequest { UserId = user.User.UserId, KeyId = ids[2] });

        var seen = new List<string>();
        var pages = 0;
        var token = "";
        do
        {
            var page = await identity.Keys.CallAsync<ListKeysRequest, ListKeysReply>("ListKeys",
                new ListKeysRequest { UserId = user.User.UserId, PageSize = 2, PageToken = token });
            seen.AddRange(page.Keys.Select(key => key.KeyId));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal([ids[4], ids[3], ids[1], ids[0]], seen);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task UpdateKey_ChangesOnlyTheFieldsSet_AndPublishesApiKeyChanged()
    {
        var user = await identity.NewUserAsync();
        var created = await identity.NewKeyAsync(user.User.UserId, request =>
        {
            request.AllowedModels.Add("gpt-4o");
            request.QuotaMicroCoins = 10;
            request.RpmLimit = 5;
            request.ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1));
        });
        var keyId = created.Key.KeyId;

        var renamed = await Update(new UpdateKeyRequest { UserId = user.User.UserId, KeyId = keyId, Name = "renamed" });
        var changed = await Update(new UpdateKeyRequest
        {
            UserId = user.User.UserId,
            KeyId = keyId,
            AllowedModels = new StringList { Values = { "o1*" } },
            CheckModels = true,
            RemoveQuota = true,
            RemoveExpiry = true,
            AllowedIps = new StringList { Values = { "10.0.0.0/8" } },
            TpmLimit = 1_000,
        });
        var cleared = await Update(new UpdateKeyRequest { UserId = user.User.UserId, KeyId = keyId, AllowedModels = new StringList(), RemoveRpmLimit = true });

        Assert.Equal("renamed", renamed.Name);
        Assert.Equal((created.Key.AllowedModels, 10L, 5, created.Key.ExpiresAt), (renamed.AllowedModels, renamed.QuotaMicroCoins, renamed.RpmLimit, renamed.ExpiresAt));
        Assert.Equal(["o1*"], changed.AllowedModels);
        Assert.Equal((true, false, 5, 1_000), (changed.CheckModels, changed.HasQuotaMicroCoins, changed.RpmLimit, changed.TpmLimit));
        Assert.Null(changed.ExpiresAt);
        Assert.Equal(["10.0.0.0/8"], changed.AllowedIps);
        Assert.Equal("renamed", changed.Name);
        Assert.Empty(cleared.AllowedModels);
        Assert.False(cleared.HasRpmLimit);
        Assert.Equal(["10.0.0.0/8"], cleared.AllowedIps);
        Assert.True(cleared.UpdatedAt > created.Key.UpdatedAt);
        await Eventually.HoldsAsync(() => Task.FromResult(identity.Events.Received<ApiKeyChanged>().Count(e => e.KeyId == Guid.Parse(keyId)) == 4),
            TimeSpan.FromSeconds(30), "ApiKeyChanged arrived for the issue and each of the three updates");
    }

    [Fact]
    public async Task AnotherUsersKey_IsNotFound()
    {
        var owner = await identity.NewUserAsync();
        var stranger = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(owner.User.UserId);
        var keyId = key.Key.KeyId;
        var strangerId = stranger.User.UserId;

        var get = await Assert.ThrowsAsync<RpcException>(() => identity.Keys.CallAsync<GetKeyRequest, ApiKey>("GetKey", new GetKeyRequest { UserId = strangerId, KeyId = keyId }));
        var update = await Assert.ThrowsAsync<RpcException>(() => Update(new UpdateKeyRequest { UserId = strangerId, KeyId = keyId, Admin = true }));
        var delete = await Assert.ThrowsAsync<RpcException>(() => identity.Keys.CallAsync<DeleteKeyRequest, DeleteKeyReply>("DeleteKey", new DeleteKeyRequest { UserId = strangerId, KeyId = keyId }));
        var unknownUser = await Assert.ThrowsAsync<RpcException>(() => identity.Keys.CallAsync<ListKeysRequest, ListKeysReply>("ListKeys", new ListKeysRequest { UserId = Guid.NewGuid().ToString() }));
        var keyForNobody = await Assert.ThrowsAsync<RpcException>(() => identity.NewKeyAsync(Guid.NewGuid().ToString()));

        Assert.All(new[] { get, update, delete, unknownUser, keyForNobody }, error => Assert.Equal(StatusCode.NotFound, error.StatusCode));
        Assert.Contains(keyId, get.Detail);
        Assert.Equal(AuthenticateReply.ResultOneofCase.Principal, (await identity.AuthenticateAsync(key.Secret)).ResultCase);
        Assert.False((await identity.AuthenticateAsync(key.Secret)).Principal.Admin);
    }

    [Theory]
    [InlineData("name", "name must be 1 to 64 characters")]
    [InlineData("spaces", "name must be 1 to 64 characters")]
    [InlineData("long name", "name must be 1 to 64 characters")]
    [InlineData("pattern gpt*4", "allowed_models entry 'gpt*4' is not a model name or prefix* pattern")]
    [InlineData("pattern **", "allowed_models entry '**' is not a model name or prefix* pattern")]
    [InlineData("pattern with space", "allowed_models entry 'gpt 4' is not a model name or prefix* pattern")]
    [InlineData("past expiry", "expires_at")]
    [InlineData("negative quota", "quota_micro_coins must be 0 or more, not -1; leave it unset for no cap")]
    [InlineData("cidr host bits", "allowed_ips entry '10.0.0.1/8' has bits set after the /8 prefix; write the network address, 10.0.0.0/8")]
    [InlineData("cidr junk", "allowed_ips entry '10.0.0.300' is not an IPv4 or IPv6 address or CIDR")]
    [InlineData("zero rpm", "rpm_limit must be 1 or more, not 0")]
    [InlineData("bad user id", "user_id 'bob' is not a UUID")]
    public async Task BadInput_IsInvalidArgument_SayingWhatToFix(string mistake, string expected)
    {
        var user = await identity.NewUserAsync();
        var request = new CreateKeyRequest { UserId = user.User.UserId, Name = "valid" };
        switch (mistake)
        {
            case "name": request.Name = ""; break;
            case "spaces": request.Name = "   "; break;
            case "long name": request.Name = new string('k', 65); break;
            case "pattern gpt*4": request.AllowedModels.Add("gpt*4"); break;
            case "pattern **": request.AllowedModels.Add("**"); break;
            case "pattern with space": request.AllowedModels.Add(["gpt-4o", "gpt 4"]); break;
            case "past expiry": request.ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)); break;
            case "negative quota": request.QuotaMicroCoins = -1; break;
            case "cidr host bits": request.AllowedIps.Add("10.0.0.1/8"); break;
            case "cidr junk": request.AllowedIps.Add("10.0.0.300"); break;
            case "zero rpm": request.RpmLimit = 0; break;
            case "bad user id": request.UserId = "bob"; break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => identity.Keys.CallAsync<CreateKeyRequest, CreateKeyReply>("CreateKey", request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Detail);
        if (mistake == "past expiry")
        {
            Assert.Contains("is not in the future", error.Detail);
        }
        var listed = await identity.Keys.CallAsync<ListKeysRequest, ListKeysReply>("ListKeys", new ListKeysRequest { UserId = user.User.UserId });
        Assert.Empty(listed.Keys);
    }

    [Fact]
    public async Task BadUpdates_AreInvalidArgument_AndChangeNothing()
    {
        var user = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(user.User.UserId);
        UpdateKeyRequest Change() => new() { UserId = user.User.UserId, KeyId = key.Key.KeyId, Name = "changed" };

        var pattern = await Assert.ThrowsAsync<RpcException>(() => Update(Change().With(r => r.AllowedModels = new StringList { Values = { "a*b" } })));
        var expiry = await Assert.ThrowsAsync<RpcException>(() => Update(Change().With(r => r.ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-5)))));
        var quota = await Assert.ThrowsAsync<RpcException>(() => Update(Change().With(r => r.QuotaMicroCoins = -5)));
        var cidr = await Assert.ThrowsAsync<RpcException>(() => Update(Change().With(r => r.AllowedIps = new StringList { Values = { "2001:db8::1/32" } })));
        var removeFalse = await Assert.ThrowsAsync<RpcException>(() => Update(Change().With(r => r.RemoveQuota = false)));
        var name = await Assert.ThrowsAsync<RpcException>(() => Update(Change().With(r => r.Name = "")));

        Assert.All(new[] { pattern, expiry, quota, cidr, removeFalse, name }, error => Assert.Equal(StatusCode.InvalidArgument, error.StatusCode));
        Assert.Contains("'a*b'", pattern.Detail);
        Assert.Contains("is not in the future", expiry.Detail);
        Assert.Contains("not -5", quota.Detail);
        Assert.Contains("write the network address, 2001:db8::/32", cidr.Detail);
        Assert.Contains("remove_quota can only be true", removeFalse.Detail);
        Assert.Contains("give the key a name you will recognise in the list", name.Detail);
        var unchanged = await identity.Keys.CallAsync<GetKeyRequest, ApiKey>("GetKey", new GetKeyRequest { UserId = user.User.UserId, KeyId = key.Key.KeyId });
        Assert.Equal(key.Key, unchanged);
    }

    private Task<ApiKey> Update(UpdateKeyRequest request) => identity.Keys.CallAsync<UpdateKeyRequest, ApiKey>("UpdateKey", request);
}
