using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Channels;

/// <summary>
/// Auto-disabling and the probe against the real edge. Failures are counted through the test route (the relay's calls
/// count the same way); the stack probes every second (Edge__Channels__ProbeInterval in EdgeStack).
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ChannelHealthApiTests(EdgeStack edge)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailingChannel_IsDisabledAfterTenFailures_AndTheProbeReEnablesItOnceItsKeyIsFixed()
    {
        using var client = edge.Operator();
        var id = await CreateAsync(client, ChannelsApiTests.NewChannel($"chan-{Guid.NewGuid():N}", ["sk-wrong-key-00001234"], edge.SimAddress.AbsoluteUri));

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var test = await TestAsync(client, id);
            Assert.False(test.GetProperty("ok").GetBoolean());
            Assert.Equal("unauthorized", test.GetProperty("failure").GetString());
            Assert.Equal(401, test.GetProperty("status").GetInt32());
            Assert.Contains("key ...1234", test.GetProperty("error").GetString());
            Assert.Equal(attempt >= 5 ? "open" : "closed", test.GetProperty("channel").GetProperty("breaker").GetProperty("state").GetString());
        }

        // Disabled in the database first, then out of this replica's routing when its directory reloads.
        var disabled = await WaitForAsync(client, id, channel => !channel.GetProperty("enabled").GetBoolean() && !channel.GetProperty("live").GetBoolean());
        Assert.Equal("auto", disabled.GetProperty("disabled_by").GetString());
        Assert.Equal("auto: 10 consecutive failures (last: unauthorized)", disabled.GetProperty("disabled_reason").GetString());
        Assert.False(disabled.GetProperty("live").GetBoolean());

        await Task.Delay(TimeSpan.FromSeconds(2.5), Cancel); // the probe runs, and still gets a 401
        Assert.False((await GetAsync(client, id)).GetProperty("enabled").GetBoolean());

        var fixedKey = await client.PatchAsJsonAsync($"/admin/v1/channels/{id}", new { keys = new[] { EdgeStack.SimOpenAiKey } }, Cancel);
        Assert.Equal(HttpStatusCode.OK, fixedKey.StatusCode);

        var enabled = await WaitForAsync(client, id, channel => channel.GetProperty("enabled").GetBoolean() && channel.GetProperty("live").GetBoolean());
        Assert.True(enabled.GetProperty("live").GetBoolean());
        Assert.False(enabled.TryGetProperty("disabled_by", out _));
        Assert.Equal("closed", enabled.GetProperty("breaker").GetProperty("state").GetString());
        Assert.Equal(0, enabled.GetProperty("breaker").GetProperty("consecutive_failures").GetInt32());

        await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel);
    }

    [Fact]
    public async Task OperatorDisabledChannel_IsNotReEnabledByTheProbe()
    {
        using var client = edge.Operator();
        var id = await CreateAsync(client, ChannelsApiTests.NewChannel($"chan-{Guid.NewGuid():N}", [EdgeStack.SimOpenAiKey], edge.SimAddress.AbsoluteUri, enabled: false));

        await Task.Delay(TimeSpan.FromSeconds(2.5), Cancel); // the channel would pass a probe

        var channel = await GetAsync(client, id);
        Assert.False(channel.GetProperty("enabled").GetBoolean());
        Assert.Equal("operator", channel.GetProperty("disabled_by").GetString());
        Assert.True((await TestAsync(client, id)).GetProperty("ok").GetBoolean());
        Assert.False((await GetAsync(client, id)).GetProperty("enabled").GetBoolean());

        await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel);
    }

    [Fact]
    public async Task Test_OfAnUnreachableChannel_ReportsAConnectFailure()
    {
        using var client = edge.Operator();
        var id = await CreateAsync(client, ChannelsApiTests.NewChannel($"chan-{Guid.NewGuid():N}", [EdgeStack.SimOpenAiKey], "http://127.0.0.1:1/"));

        var test = await TestAsync(client, id);

        Assert.False(test.GetProperty("ok").GetBoolean());
        Assert.Equal("connect_failed", test.GetProperty("failure").GetString());
        Assert.Equal(1, test.GetProperty("channel").GetProperty("breaker").GetProperty("consecutive_failures").GetInt32());

        await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel);
    }

    private static async Task<string> CreateAsync(HttpClient client, Dictionary<string, object?> channel)
    {
        var response = await client.PostAsJsonAsync("/admin/v1/channels", channel, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> TestAsync(HttpClient client, string id)
    {
        var response = await client.PostAsync($"/admin/v1/channels/{id}/test", null, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/admin/v1/channels/{id}", Cancel)).RootElement;

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string id, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var channel = await GetAsync(client, id);
            if (condition(channel) || DateTime.UtcNow > deadline)
            {
                Assert.True(condition(channel), $"the channel did not change within {Patience.TotalSeconds} s: {channel}");
                return channel;
            }
            await Task.Delay(100, Cancel);
        }
    }
}
