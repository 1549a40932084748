using System.Net;
using System.Text.Json;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Management;

[Collection(EdgeCollection.Name)]
public sealed class UsageApiTests(EdgeStack edge)
{
    [Fact]
    public async Task Usage_OfAFreshUserIsAnEmptyPage()
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        var from = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");

        var page = await (await client.GetPathAsync($"/api/v1/usage?limit=10&from={Uri.EscapeDataString(from)}&model=gpt-4o")).JsonAsync(HttpStatusCode.OK);

        Assert.Empty(page.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_page_token").ValueKind);
    }

    [Fact]
    public async Task ExportCsv_StreamsAFileWithItsHeaderLine()
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        var response = await client.GetPathAsync("/api/v1/usage/export?format=csv");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition.FileName);
        Assert.StartsWith("created_at,request_id,", text);
        Assert.Single(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ExportJson_IsAnEmptyArray()
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        var response = await client.GetPathAsync("/api/v1/usage/export?format=json");
        var body = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal(0, body.GetArrayLength());
    }

    [Theory]
    [InlineData("day")]
    [InlineData("model")]
    public async Task Stats_OfAFreshUserHaveNoBuckets(string groupBy)
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        var stats = await (await client.GetPathAsync($"/api/v1/usage/stats?group_by={groupBy}&time_zone=UTC")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(groupBy, stats.Text("group_by"));
        Assert.Empty(stats.GetProperty("buckets").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/usage?from=yesterday", "from 'yesterday' is not a time")]
    [InlineData("/api/v1/usage?from=2025-02-01&to=2025-01-01", "must be before to")]
    [InlineData("/api/v1/usage?key_id=abc", "key_id 'abc' is not a key id")]
    [InlineData("/api/v1/usage?from=2000-01-01", "from..to spans")]
    [InlineData("/api/v1/usage/export?format=xlsx", "use format=csv or format=json")]
    [InlineData("/api/v1/usage/stats?group_by=week", "use hour, day, month or model")]
    [InlineData("/api/v1/usage/stats?time_zone=Mars/Olympus", "time_zone 'Mars/Olympus' is not an IANA time zone")]
    public async Task Usage_RefusesBadQueries(string path, string expected)
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        Assert.Contains(expected, await (await client.GetPathAsync(path)).ErrorAsync(HttpStatusCode.BadRequest));
    }
}
