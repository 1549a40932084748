using System.Net;
using System.Text.Json;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Management;

[Collection(EdgeCollection.Name)]
public sealed class AccountApiTests(EdgeStack edge)
{
    [Fact]
    public async Task Balance_ShowsMicroCoinsAndDecimalStrings()
    {
        var user = await edge.NewUserAsync(coins: 250_000);
        using var client = edge.Client(user.ManagementToken);

        var balance = await (await client.GetPathAsync("/api/v1/balance")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(250_000_000_000, balance.GetProperty("balance_micro_coins").GetInt64());
        Assert.Equal(0, balance.GetProperty("held_micro_coins").GetInt64());
        Assert.Equal(250_000_000_000, balance.GetProperty("available_micro_coins").GetInt64());
        Assert.Equal("1", balance.Text("available_usd"));
    }

    [Fact]
    public async Task Membership_OfANewUserIsFree()
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        var membership = await (await client.GetPathAsync("/api/v1/membership")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("free", membership.Text("tier"));
        Assert.Equal(JsonValueKind.Null, membership.GetProperty("expires_at").ValueKind);
    }

    [Fact]
    public async Task ManagementToken_IsShownMaskedAndRotationReplacesIt()
    {
        var user = await edge.NewUserAsync();
        using var oldClient = edge.Client(user.ManagementToken);

        var shown = await (await oldClient.GetPathAsync("/api/v1/management-token")).JsonAsync(HttpStatusCode.OK);
        var rotated = await (await oldClient.SendJsonAsync(HttpMethod.Post, "/api/v1/management-token/rotate", null)).JsonAsync(HttpStatusCode.OK);
        using var newClient = edge.Client(rotated.Text("management_token"));

        Assert.Equal($"{user.ManagementToken[..7]}...{user.ManagementToken[^4..]}", shown.Text("display"));
        Assert.False(shown.TryGetProperty("management_token", out _));
        Assert.StartsWith("mt-", rotated.Text("management_token"));
        Assert.NotEqual(user.ManagementToken, rotated.Text("management_token"));
        await (await newClient.GetPathAsync("/api/v1/balance")).JsonAsync(HttpStatusCode.OK);
        await (await oldClient.GetPathAsync("/api/v1/balance")).ErrorAsync(HttpStatusCode.Unauthorized);
    }
}
