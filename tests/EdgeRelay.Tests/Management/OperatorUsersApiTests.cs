using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Management;

[Collection(EdgeCollection.Name)]
public sealed class OperatorUsersApiTests(EdgeStack edge)
{
    [Fact]
    public async Task CreateUser_ReturnsAManagementTokenThatManagesTheAccount()
    {
        using var admin = edge.Operator();

        var created = await (await admin.SendJsonAsync(HttpMethod.Post, "/admin/v1/users", $$"""{"email": "op-{{Guid.NewGuid():N}}@example.com", "name": "Op"}"""))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("user").Text("id");
        using var owner = edge.Client(created.Text("management_token"));
        var balance = await (await owner.GetPathAsync("/api/v1/balance")).JsonAsync(HttpStatusCode.OK);
        var fetched = await (await admin.GetPathAsync($"/admin/v1/users/{id}")).JsonAsync(HttpStatusCode.OK);

        Assert.StartsWith("mt-", created.Text("management_token"));
        Assert.Equal("free", created.GetProperty("user").Text("tier"));
        Assert.Equal(0, balance.GetProperty("available_micro_coins").GetInt64());
        Assert.Equal("Op", fetched.Text("name"));
        Assert.Equal(id, fetched.Text("id"));
        Assert.False(fetched.TryGetProperty("management_token", out _));
    }

    [Theory]
    [InlineData("""{"email": "x@example.com", "tier": "gold"}""", "tier 'gold' is not one of free, vip, premium")]
    [InlineData("{}", "give the user an email, a name or both")]
    [InlineData("", "the body is empty")]
    public async Task CreateUser_RefusesBadInput(string body, string expected)
    {
        using var admin = edge.Operator();

        var message = await (await admin.SendJsonAsync(HttpMethod.Post, "/admin/v1/users", body)).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task Credit_IsIdempotentOnRequestId_AndShowsInTheBalance()
    {
        var user = await edge.NewUserAsync();
        using var admin = edge.Operator();
        using var owner = edge.Client(user.ManagementToken);
        var path = $"/admin/v1/users/{user.User.UserId}/credits";
        var body = """{"amount_coins": "12.5", "request_id": "grant-1", "reason": "welcome"}""";

        var first = await (await admin.SendJsonAsync(HttpMethod.Post, path, body)).JsonAsync(HttpStatusCode.Created);
        var replay = await (await admin.SendJsonAsync(HttpMethod.Post, path, body)).JsonAsync(HttpStatusCode.OK);
        var balance = await (await owner.GetPathAsync("/api/v1/balance")).JsonAsync(HttpStatusCode.OK);

        Assert.False(first.GetProperty("replayed").GetBoolean());
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.Equal(12_500_000, first.GetProperty("amount_micro_coins").GetInt64());
        Assert.Equal(12_500_000, balance.GetProperty("available_micro_coins").GetInt64());
        Assert.Equal("12.5", balance.Text("available_coins"));
        Assert.Equal(12_500_000, await edge.BalanceMicroCoinsAsync(user.User.UserId));
    }

    [Theory]
    [InlineData("""{"amount_micro_coins": 1000}""", "request_id is required: an idempotency key")]
    [InlineData("""{"amount_micro_coins": 1000, "amount_coins": "1", "request_id": "r"}""", "give the amount once")]
    [InlineData("""{"amount_coins": "0.0000001", "request_id": "r"}""", "at most 6 decimals")]
    [InlineData("""{"amount_micro_coins": -5, "request_id": "r"}""", "amount_micro_coins must be positive")]
    [InlineData("""{"amount": 5, "request_id": "r"}""", "unknown field 'amount'")]
    public async Task Credit_RefusesBadInput(string body, string expected)
    {
        var user = await edge.NewUserAsync();
        using var admin = edge.Operator();

        var message = await (await admin.SendJsonAsync(HttpMethod.Post, $"/admin/v1/users/{user.User.UserId}/credits", body)).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task Credit_ToAnUnknownUserIsNotFound()
    {
        using var admin = edge.Operator();

        await (await admin.SendJsonAsync(HttpMethod.Post, $"/admin/v1/users/{Guid.NewGuid()}/credits", """{"amount_micro_coins": 1, "request_id": "r"}"""))
            .ErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DisableUser_StopsItsTokenWithinASecond()
    {
        var user = await edge.NewUserAsync();
        using var admin = edge.Operator();
        using var owner = edge.Client(user.ManagementToken);
        await (await owner.GetPathAsync("/api/v1/balance")).JsonAsync(HttpStatusCode.OK);

        var disabled = await (await admin.SendJsonAsync(HttpMethod.Patch, $"/admin/v1/users/{user.User.UserId}", """{"disabled": true}"""))
            .JsonAsync(HttpStatusCode.OK);

        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        var clock = Stopwatch.StartNew();
        var status = (await owner.GetPathAsync("/api/v1/balance")).StatusCode;
        while (status != HttpStatusCode.Forbidden && clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            status = (await owner.GetPathAsync("/api/v1/balance")).StatusCode;
        }
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Premium_GrantAndRevoke()
    {
        var user = await edge.NewUserAsync();
        using var admin = edge.Operator();
        var path = $"/admin/v1/users/{user.User.UserId}/premium";

        var granted = await (await admin.SendJsonAsync(HttpMethod.Put, path, """{"expires_at": "2099-01-01T00:00:00Z"}""")).JsonAsync(HttpStatusCode.OK);
        var revoked = await (await admin.DeleteAsync(path, TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("premium", granted.Text("tier"));
        Assert.Equal(2099, granted.GetProperty("expires_at").GetDateTimeOffset().Year);
        Assert.Equal("free", revoked.Text("tier"));
    }

    [Fact]
    public async Task ListUsers_IsPaged()
    {
        await edge.NewUserAsync();
        await edge.NewUserAsync();
        using var admin = edge.Operator();

        var page = await (await admin.GetPathAsync("/admin/v1/users?limit=1")).JsonAsync(HttpStatusCode.OK);

        Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.String, page.GetProperty("next_page_token").ValueKind);
    }

    [Fact]
    public async Task OperatorRoutes_RefuseAWrongAdminToken()
    {
        using var stranger = edge.Client("not-the-admin-token");
        var user = await edge.NewUserAsync();
        using var userClient = edge.Client(user.ManagementToken);

        await (await stranger.GetPathAsync("/admin/v1/users")).ErrorAsync(HttpStatusCode.Unauthorized);
        await (await userClient.GetPathAsync("/admin/v1/users")).ErrorAsync(HttpStatusCode.Unauthorized);
    }
}
