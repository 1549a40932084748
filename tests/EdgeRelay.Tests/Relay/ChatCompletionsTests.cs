using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Chat;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Relay;

/// <summary>The official OpenAI .NET SDK against the real edge and simulator: answers, and a balance that moves by the exact catalog price.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ChatCompletionsTests(EdgeStack edge) : IAsyncLifetime
{
    private const string Model = "gpt-4o-mini";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await edge.SimChannelAsync([Model, "gpt-4o"], priority: 10);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Chat_NonStreaming_AnswersAndChargesExactlyTheCatalogPriceOfTheReportedUsage()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000);
        var before = await edge.BalanceMicroCoinsAsync(user);

        ChatCompletion completion = await edge.OpenAi(key).GetChatClient(Model).CompleteChatAsync([new UserChatMessage("Say hello")], cancellationToken: Ct);

        Assert.False(string.IsNullOrEmpty(completion.Content[0].Text));
        var price = await edge.PriceAsync(Model, completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount);
        Assert.True(price > 0);
        Assert.Equal(before - price, await edge.SettledBalanceAsync(user, before - price));
    }

    [Fact]
    public async Task Chat_Streaming_DeliversChunksAndUsage_AndChargesExactly()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000);
        var before = await edge.BalanceMicroCoinsAsync(user);
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;

        await foreach (var update in edge.OpenAi(key).GetChatClient(Model).CompleteChatStreamingAsync([new UserChatMessage("Tell me a story")], cancellationToken: Ct))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage = update.Usage ?? usage;
        }

        Assert.True(text.Length > 0);
        Assert.NotNull(usage);
        var price = await edge.PriceAsync(Model, usage.InputTokenCount, usage.OutputTokenCount);
        Assert.Equal(before - price, await edge.SettledBalanceAsync(user, before - price));
    }

    [Fact]
    public async Task Chat_StreamingWithoutIncludeUsage_NeverShowsAnEmptyChoicesChunk_ButStillBillsTheUpstreamUsage()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000);
        var before = await edge.BalanceMicroCoinsAsync(user);
        using var client = edge.Client(key);

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = Model,
            stream = true,
            messages = new[] { new { role = "user", content = "count to five" } },
        }, Ct);
        var events = (await response.Content.ReadAsStringAsync(Ct)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, chunk => Assert.NotEqual(0, chunk.GetProperty("choices").GetArrayLength()));
        Assert.True(await edge.BalanceAfterChargeAsync(user, before) < before, "the stream was not charged");
    }

    [Fact]
    public async Task Chat_ToolCalls_ComeBackThroughTheSdk()
    {
        var (_, key) = await edge.FundedKeyAsync(coins: 1_000);
        var weather = ChatTool.CreateFunctionTool("get_weather", "Weather for a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new ChatCompletionOptions { Tools = { weather }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };

        ChatCompletion completion = await edge.OpenAi(key).GetChatClient(Model).CompleteChatAsync([new UserChatMessage("Weather in Paris?")], options, Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal("get_weather", Assert.Single(completion.ToolCalls).FunctionName);
    }

    [Fact]
    public async Task Chat_BadInput_IsRefusedWithOpenAisErrorsAndNoCharge()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000);
        var before = await edge.BalanceMicroCoinsAsync(user);
        using var client = edge.Client(key);
        client.DefaultRequestHeaders.ExpectContinue = true; // the 413 comes before the body is sent

        var malformed = await client.PostAsync("/v1/chat/completions", new StringContent("{\"model\": ", System.Text.Encoding.UTF8, "application/json"), Ct);
        var noModel = await client.PostAsJsonAsync("/v1/chat/completions", new { messages = new[] { new { role = "user", content = "hi" } } }, Ct);
        var unknownModel = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "no-such-model", messages = new[] { new { role = "user", content = "hi" } } }, Ct);
        var tooLarge = await client.PostAsync("/v1/chat/completions", new StringContent(
            $"{{\"model\":\"{Model}\",\"messages\":[{{\"role\":\"user\",\"content\":\"{new string('a', 21 * 1024 * 1024)}\"}}]}}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.RequestEntityTooLarge),
            (malformed.StatusCode, noModel.StatusCode, unknownModel.StatusCode, tooLarge.StatusCode));
        Assert.Contains("not valid JSON", await ErrorMessageAsync(malformed));
        Assert.Contains("you must provide a model parameter", await ErrorMessageAsync(noModel));
        Assert.Contains("'no-such-model' does not exist", await ErrorMessageAsync(unknownModel));
        Assert.Contains("larger than 20 MB", await ErrorMessageAsync(tooLarge));
        Assert.Equal(before, await edge.BalanceMicroCoinsAsync(user));
    }

    [Fact]
    public async Task Chat_ModelOutsideTheAllowList_Is403WithNoUpstreamCallAndNoCharge_WhileAnAllowedModelWorks()
    {
        var user = await edge.NewUserAsync(coins: 1_000);
        var key = await edge.NewKeyAsync(user.User.UserId, request =>
        {
            request.CheckModels = true;
            request.AllowedModels.Add("gpt-4o");
        });
        var before = await edge.BalanceMicroCoinsAsync(user.User.UserId);
        using var client = edge.Client(key.Secret);
        var tag = $"refused-{Guid.NewGuid():N}";
        client.DefaultRequestHeaders.Add("x-sim", $"tag={tag}");

        var refused = await client.PostAsJsonAsync("/v1/chat/completions", new { model = Model, messages = new[] { new { role = "user", content = "hi" } } }, Ct);
        var allowed = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "gpt-4o", max_tokens = 3, messages = new[] { new { role = "user", content = "hi" } } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("not in this key's allow-list", await ErrorMessageAsync(refused));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var sim = new HttpClient { BaseAddress = edge.SimAddress };
        var counters = JsonDocument.Parse(await sim.GetStringAsync("/sim/counters", Ct)).RootElement;
        Assert.Equal(1, counters.GetProperty("tags").GetProperty(tag).GetInt64()); // the allowed call only
        var usage = JsonDocument.Parse(await allowed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("usage");
        var price = await edge.PriceAsync("gpt-4o", usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(before - price, await edge.SettledBalanceAsync(user.User.UserId, before - price)); // the refused call cost nothing
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").GetProperty("message").GetString()!;
}
