using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Channels;

[Collection(EdgeCollection.Name)]
public sealed class ChannelsApiTests(EdgeStack edge)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_StoresTheChannel_AndNoAnswerOrColumnCarriesTheKey()
    {
        using var client = edge.Operator();
        var key = $"sk-test-{Guid.NewGuid():N}";
        var name = $"chan-{Guid.NewGuid():N}";

        var created = await client.PostAsJsonAsync("/admin/v1/channels", NewChannel(name, [key]), Cancel);

        var createdText = await created.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = JsonDocument.Parse(createdText).RootElement;
        var id = channel.GetProperty("id").GetString()!;
        Assert.Equal($"/admin/v1/channels/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(name, channel.GetProperty("name").GetString());
        Assert.Equal("sim", channel.GetProperty("kind").GetString());
        Assert.Equal(key[^4..], channel.GetProperty("keys").EnumerateArray().Single().GetProperty("last4").GetString());
        Assert.Equal(1, channel.GetProperty("weight").GetInt32());
        Assert.True(channel.GetProperty("enabled").GetBoolean());
        Assert.True(channel.GetProperty("live").GetBoolean());
        Assert.Equal("closed", channel.GetProperty("breaker").GetProperty("state").GetString());

        var answers = new[]
        {
            createdText,
            await client.GetStringAsync($"/admin/v1/channels/{id}", Cancel),
            await client.GetStringAsync("/admin/v1/channels", Cancel),
            await (await client.PatchAsJsonAsync($"/admin/v1/channels/{id}", new { priority = 3 }, Cancel)).Content.ReadAsStringAsync(Cancel),
        };
        Assert.All(answers, answer => Assert.DoesNotContain(key, answer));
        Assert.Contains(id, answers[2]);

        await using var db = new NpgsqlConnection(edge.RelayDatabase);
        var row = await db.QuerySingleAsync<(byte[][] Keys, string[] Hints, string Json)>(
            "SELECT keys, key_hints, row_to_json(c)::text FROM channels c WHERE id = @id", new { id = Guid.Parse(id) });
        Assert.Equal([key[^4..]], row.Hints);
        Assert.DoesNotContain(key, row.Json);
        Assert.All(row.Keys, sealedKey => Assert.True(sealedKey.AsSpan().IndexOf(Encoding.UTF8.GetBytes(key)) < 0));
        Assert.All(row.Keys, sealedKey => Assert.True(sealedKey.AsSpan().IndexOf(Encoding.UTF8.GetBytes(key[..12])) < 0));

        await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel);
    }

    [Fact]
    public async Task Patch_ChangesOnlyTheGivenFields_AndKeysReplaceAll()
    {
        using var client = edge.Operator();
        var name = $"chan-{Guid.NewGuid():N}";
        var id = await CreateAsync(client, name);

        var patched = await client.PatchAsJsonAsync($"/admin/v1/channels/{id}", new Dictionary<string, object>
        {
            ["weight"] = 5,
            ["keys"] = new[] { "sk-second-key-1111", "sk-third-key-2222" },
            ["model_map"] = new Dictionary<string, string> { [$"model-of-{name}"] = "gpt-4o-mini" },
        }, Cancel);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var channel = JsonDocument.Parse(await patched.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal(5, channel.GetProperty("weight").GetInt32());
        Assert.Equal(["1111", "2222"], channel.GetProperty("keys").EnumerateArray().Select(hint => hint.GetProperty("last4").GetString()));
        Assert.Equal("gpt-4o-mini", channel.GetProperty("model_map").GetProperty($"model-of-{name}").GetString());
        Assert.Equal(edge.SimAddress.AbsoluteUri, channel.GetProperty("base_url").GetString());
        Assert.Equal(0, channel.GetProperty("priority").GetInt32());

        await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel);
    }

    [Fact]
    public async Task Enabled_False_IsAnOperatorsDisabling_AndTrueUndoesIt()
    {
        using var client = edge.Operator();
        var id = await CreateAsync(client, $"chan-{Guid.NewGuid():N}");

        var disabled = await PatchAsync(client, id, new { enabled = false });

        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.False(disabled.GetProperty("live").GetBoolean());
        Assert.Equal("operator", disabled.GetProperty("disabled_by").GetString());

        var enabled = await PatchAsync(client, id, new { enabled = true });

        Assert.True(enabled.GetProperty("live").GetBoolean());
        Assert.False(enabled.TryGetProperty("disabled_by", out _));
        Assert.False(enabled.TryGetProperty("disabled_reason", out _));

        await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel);
    }

    [Fact]
    public async Task Delete_RemovesTheChannel()
    {
        using var client = edge.Operator();
        var id = await CreateAsync(client, $"chan-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel)).StatusCode);

        var read = await client.GetAsync($"/admin/v1/channels/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Contains("channel_not_found", await read.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchAsJsonAsync($"/admin/v1/channels/{id}", new { weight = 2 }, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Create_WithATakenName_Is409()
    {
        using var client = edge.Operator();
        var name = $"chan-{Guid.NewGuid():N}";
        var id = await CreateAsync(client, name);

        var again = await client.PostAsJsonAsync("/admin/v1/channels", NewChannel(name, [EdgeStack.SimOpenAiKey]), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var error = JsonDocument.Parse(await again.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("error");
        Assert.Contains($"a channel named '{name}' already exists", error.GetProperty("message").GetString());
        Assert.Equal("name", error.GetProperty("param").GetString());

        await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"kind": "bogus"}""", "kind", "kind 'bogus' is not supported; use openai" },
        { """{"base_url": "ftp://example.com"}""", "base_url", "is not an absolute http(s) URL" },
        { """{"base_url": "example.com/v1"}""", "base_url", "is not an absolute http(s) URL" },
        { """{"keys": []}""", "keys", "keys must hold at least one upstream API key" },
        { """{"weight": 0}""", "weight", "weight must be between 1 and 10000" },
        { """{"kind": "azure-openai"}""", "api_version", "an azure-openai channel needs api_version" },
        { """{"model_map": {"gpt-5": "gpt-5-2025"}}""", "model_map", "model_map maps 'gpt-5', which is not in models" },
        { """{"colour": "blue"}""", "colour", "unknown field 'colour'" },
        { """{"priority": "high"}""", "priority", "priority must be a whole number" },
        { """{"name": null}""", "name", "name must be a string" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_WithABadField_Is400_NamingIt(string change, string param, string message)
    {
        using var client = edge.Operator();
        var body = JsonSerializer.SerializeToNode(NewChannel($"chan-{Guid.NewGuid():N}", [EdgeStack.SimOpenAiKey]))!.AsObject();
        foreach (var (field, value) in JsonDocument.Parse(change).RootElement.EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            body[field] = System.Text.Json.Nodes.JsonNode.Parse(value.GetRawText());
        }

        var response = await client.PostAsync("/admin/v1/channels", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);

        await AssertBadRequestAsync(response, param, message);
    }

    [Theory]
    [InlineData("{", "body", "the body is not valid JSON")]
    [InlineData("", "body", "the body is not valid JSON")]
    [InlineData("""{"name": "x"}""", "kind", "kind is required")]
    public async Task Create_WithABadBody_Is400(string body, string param, string message)
    {
        using var client = edge.Operator();

        var response = await client.PostAsync("/admin/v1/channels", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        await AssertBadRequestAsync(response, param, message);
    }

    [Fact]
    public async Task Patch_ThatBreaksAWholeChannelRule_Is400_AndChangesNothing()
    {
        using var client = edge.Operator();
        var id = await CreateAsync(client, $"chan-{Guid.NewGuid():N}");

        var response = await client.PatchAsJsonAsync($"/admin/v1/channels/{id}", new { weight = 7, api_version = "2024-10-21" }, Cancel);

        await AssertBadRequestAsync(response, "api_version", "api_version is for azure-openai channels only");
        Assert.Equal(1, JsonDocument.Parse(await client.GetStringAsync($"/admin/v1/channels/{id}", Cancel)).RootElement.GetProperty("weight").GetInt32());

        await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel);
    }

    [Fact]
    public async Task ChannelRoutes_NeedTheAdminToken()
    {
        using var anonymous = edge.Client(null);
        using var wrong = edge.Client("not-the-admin-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/v1/channels", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync("/admin/v1/channels", NewChannel("x", [EdgeStack.SimOpenAiKey]), Cancel)).StatusCode);
    }

    internal static Dictionary<string, object?> NewChannel(string name, string[] keys, string? baseUrl = null, object? enabled = null)
    {
        var channel = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["kind"] = "sim",
            ["base_url"] = baseUrl ?? "http://127.0.0.1:1/",
            ["keys"] = keys,
            // A model of its own, so that no relay test is routed to it.
            ["models"] = new[] { $"model-of-{name}" },
        };
        if (enabled is not null)
        {
            channel["enabled"] = enabled;
        }
        return channel;
    }

    private async Task<string> CreateAsync(HttpClient client, string name)
    {
        var body = NewChannel(name, [EdgeStack.SimOpenAiKey], edge.SimAddress.AbsoluteUri);
        var response = await client.PostAsJsonAsync("/admin/v1/channels", body, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> PatchAsync(HttpClient client, string id, object patch)
    {
        var response = await client.PatchAsJsonAsync($"/admin/v1/channels/{id}", patch, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string param, string message)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Contains(message, error.GetProperty("message").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }
}
