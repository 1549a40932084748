using System.Net;
using System.Text.Json;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Management;

[Collection(EdgeCollection.Name)]
public sealed class KeysApiTests(EdgeStack edge)
{
    [Fact]
    public async Task Keys_CreateListGetPatchDelete()
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        var created = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/keys",
            """{"name": "ci", "allowed_models": ["gpt-4o", "claude-3*"], "check_models": true, "quota_micro_coins": 5000000, "rpm_limit": 60}"""))
            .JsonAsync(HttpStatusCode.Created);
        var secret = created.Text("key");
        var id = created.Text("id");
        Assert.StartsWith("sk-", secret);
        Assert.Equal(52, secret.Length);
        Assert.Equal($"{secret[..7]}...{secret[^4..]}", created.Text("display"));
        Assert.Equal(5_000_000, created.GetProperty("quota_micro_coins").GetInt64());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("expires_at").ValueKind);

        var listText = await (await client.GetPathAsync("/api/v1/keys")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(secret, listText);
        var list = JsonSerializer.Deserialize<JsonElement>(listText);
        Assert.Equal(id, Assert.Single(list.GetProperty("data").EnumerateArray()).Text("id"));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("next_page_token").ValueKind);

        var fetched = await (await client.GetPathAsync($"/api/v1/keys/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.False(fetched.TryGetProperty("key", out _));
        Assert.Equal("ci", fetched.Text("name"));

        var patched = await (await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/keys/{id}", """{"name": "ci-2", "quota_micro_coins": null}"""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ci-2", patched.Text("name"));
        Assert.Equal(["gpt-4o", "claude-3*"], patched.GetProperty("allowed_models").EnumerateArray().Select(m => m.GetString()));
        Assert.True(patched.GetProperty("check_models").GetBoolean());
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("quota_micro_coins").ValueKind);
        Assert.Equal(60, patched.GetProperty("rpm_limit").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/keys/{id}", TestContext.Current.CancellationToken)).StatusCode);
        await (await client.GetPathAsync($"/api/v1/keys/{id}")).ErrorAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/v1/keys/{Guid.NewGuid()}", TestContext.Current.CancellationToken)).ErrorAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name": ""}""", "name must be 1 to 64 characters")]
    [InlineData("""{"name": "k", "allowed_models": ["gpt-*-mini"]}""", "'gpt-*-mini' is not a model name or prefix* pattern")]
    [InlineData("""{"name": "k", "expires_at": "2020-01-01T00:00:00Z"}""", "expires_at 2020-01-01T00:00:00.0000000+00:00 is not in the future")]
    [InlineData("""{"name": "k", "quota_micro_coins": -1}""", "quota_micro_coins must be 0 or more")]
    [InlineData("""{"name": "k", "allowed_ips": ["10.0.0.1/33"]}""", "'10.0.0.1/33' has a prefix length that is not 0 to 32")]
    [InlineData("""{"name": "k", "quota": 5}""", "unknown field 'quota'; this route takes name, allowed_models, check_models")]
    [InlineData("""{"name": "k", "quota_micro_coins": "5"}""", "field 'quota_micro_coins' must be an integer or null")]
    [InlineData("""{"name": "k", "allowed_models": "gpt-4o"}""", "field 'allowed_models' must be a list of strings")]
    [InlineData("""{"name": "k",""", "the body is not valid JSON")]
    [InlineData("""["k"]""", "the body must be a JSON object")]
    public async Task CreateKey_RefusesBadInputSayingWhatToFix(string body, string expected)
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        var message = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/keys", body)).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("""{"admin": null}""", "field 'admin' must be true or false")]
    [InlineData("""{"name": null}""", "name cannot be null")]
    [InlineData("""{"rpm_limit": 0}""", "rpm_limit must be 1 or more")]
    [InlineData("""{"expires": null}""", "unknown field 'expires'")]
    public async Task PatchKey_RefusesBadInputSayingWhatToFix(string body, string expected)
    {
        var user = await edge.NewUserAsync();
        var key = await edge.NewKeyAsync(user.User.UserId);
        using var client = edge.Client(user.ManagementToken);

        var message = await (await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/keys/{key.Key.KeyId}", body)).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task PatchKey_NullRemovesExpiryAndLimits_AndEmptyBodyChangesNothing()
    {
        var user = await edge.NewUserAsync();
        var key = await edge.NewKeyAsync(user.User.UserId, request =>
        {
            request.ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1));
            request.TpmLimit = 1000;
            request.AllowedIps.Add("203.0.113.0/24");
        });
        using var client = edge.Client(user.ManagementToken);

        var patched = await (await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/keys/{key.Key.KeyId}",
            """{"expires_at": null, "tpm_limit": null, "allowed_ips": null}""")).JsonAsync(HttpStatusCode.OK);
        var unchanged = await (await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/keys/{key.Key.KeyId}", "{}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, patched.GetProperty("expires_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("tpm_limit").ValueKind);
        Assert.Empty(patched.GetProperty("allowed_ips").EnumerateArray());
        Assert.Equal("test", unchanged.Text("name"));
    }

    [Fact]
    public async Task Keys_AnotherUsersKeyIsNotFound()
    {
        var owner = await edge.NewUserAsync();
        var key = await edge.NewKeyAsync(owner.User.UserId);
        var other = await edge.NewUserAsync();
        using var client = edge.Client(other.ManagementToken);

        await (await client.GetPathAsync($"/api/v1/keys/{key.Key.KeyId}")).ErrorAsync(HttpStatusCode.NotFound);
        await (await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/keys/{key.Key.KeyId}", """{"name": "mine"}""")).ErrorAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/v1/keys/{key.Key.KeyId}", TestContext.Current.CancellationToken)).ErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Keys_NeedAManagementTokenOrAnAdminKey()
    {
        var user = await edge.NewUserAsync();
        var plain = await edge.NewKeyAsync(user.User.UserId);
        var admin = await edge.NewKeyAsync(user.User.UserId, request => request.Admin = true);
        using var anonymous = edge.Client(null);
        using var plainClient = edge.Client(plain.Secret);
        using var adminClient = edge.Client(admin.Secret);

        await (await anonymous.GetPathAsync("/api/v1/keys")).ErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("admin: true", await (await plainClient.GetPathAsync("/api/v1/keys")).ErrorAsync(HttpStatusCode.Forbidden));
        var list = await (await adminClient.GetPathAsync("/api/v1/keys")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("data").GetArrayLength());
        var created = await (await adminClient.SendJsonAsync(HttpMethod.Post, "/api/v1/keys", """{"name": "made by admin", "admin": true}"""))
            .JsonAsync(HttpStatusCode.Created);
        Assert.True(created.GetProperty("admin").GetBoolean());
    }

    [Fact]
    public async Task ListKeys_PagesWithLimitAndPageToken()
    {
        var user = await edge.NewUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await edge.NewKeyAsync(user.User.UserId, request => request.Name = $"k{i}");
        }
        using var client = edge.Client(user.ManagementToken);

        var first = await (await client.GetPathAsync("/api/v1/keys?limit=2")).JsonAsync(HttpStatusCode.OK);
        var second = await (await client.GetPathAsync($"/api/v1/keys?limit=2&page_token={first.Text("next_page_token")}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["k2", "k1"], first.GetProperty("data").EnumerateArray().Select(k => k.Text("name")));
        Assert.Equal("k0", Assert.Single(second.GetProperty("data").EnumerateArray()).Text("name"));
        Assert.Contains("limit must be an integer from 1 to 200", await (await client.GetPathAsync("/api/v1/keys?limit=0")).ErrorAsync(HttpStatusCode.BadRequest));
    }
}
