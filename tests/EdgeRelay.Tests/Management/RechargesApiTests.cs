using System.Net;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Management;

[Collection(EdgeCollection.Name)]
public sealed class RechargesApiTests(EdgeStack edge)
{
    [Fact]
    public async Task Recharge_CreateListGet()
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        var order = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/recharges", """{"amount": "20", "currency": "CNY"}"""))
            .JsonAsync(HttpStatusCode.Created);
        var list = await (await client.GetPathAsync("/api/v1/recharges")).JsonAsync(HttpStatusCode.OK);
        var fetched = await (await client.GetPathAsync($"/api/v1/recharges/{order.Text("id")}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("pending", order.Text("status"));
        Assert.Equal("20.00", order.Text("amount"));
        Assert.Equal(20 * 34_000 * 1_000_000L, order.GetProperty("micro_coins").GetInt64());
        Assert.EndsWith(order.Text("id"), order.Text("checkout_url"));
        Assert.Equal(order.Text("id"), Assert.Single(list.GetProperty("data").EnumerateArray()).Text("id"));
        Assert.Equal(order.Text("checkout_url"), fetched.Text("checkout_url"));
    }

    [Fact]
    public async Task Recharge_OfAnotherUserIsNotFound_LikeAnUnknownOne()
    {
        var owner = await edge.NewUserAsync();
        using var ownerClient = edge.Client(owner.ManagementToken);
        var order = await (await ownerClient.SendJsonAsync(HttpMethod.Post, "/api/v1/recharges", """{"amount": "5", "currency": "USD"}"""))
            .JsonAsync(HttpStatusCode.Created);
        var other = await edge.NewUserAsync();
        using var otherClient = edge.Client(other.ManagementToken);

        var theirs = await (await otherClient.GetPathAsync($"/api/v1/recharges/{order.Text("id")}")).ErrorAsync(HttpStatusCode.NotFound);
        var unknownId = Guid.NewGuid();
        var unknown = await (await otherClient.GetPathAsync($"/api/v1/recharges/{unknownId}")).ErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal(unknown.Replace(unknownId.ToString(), order.Text("id")), theirs);
    }

    [Theory]
    [InlineData("""{"amount": "20.001", "currency": "CNY"}""", "at most two decimals")]
    [InlineData("""{"amount": "20", "currency": "EUR"}""", "currency 'EUR' is not supported")]
    [InlineData("""{"currency": "CNY"}""", "amount is required")]
    [InlineData("""{"amount": 20, "currency": "CNY"}""", "field 'amount' must be a string")]
    public async Task Recharge_RefusesBadInput(string body, string expected)
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        Assert.Contains(expected, await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/recharges", body)).ErrorAsync(HttpStatusCode.BadRequest));
    }
}
