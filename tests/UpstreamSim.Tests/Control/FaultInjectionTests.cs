using System.ClientModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.Control;

public sealed class FaultInjectionTests(Simulator sim)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(429, "requests", "rate_limit_exceeded", "2")]
    [InlineData(500, "server_error", null, null)]
    [InlineData(503, "server_error", null, "2")]
    public async Task Fail_ReturnsOpenAIsErrorBodyAndRetryAfter(int status, string type, string? code, string? retryAfter)
    {
        var failure = await Assert.ThrowsAsync<ClientResultException>(() =>
            sim.OpenAI($"fail={status}; retry-after=2s").GetChatClient("gpt-4o-mini").CompleteChatAsync(["hi"], cancellationToken: Token));

        Assert.Equal(status, failure.Status);
        var response = failure.GetRawResponse()!;
        var error = JsonNode.Parse(response.Content.ToString())!["error"]!;
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Equal(code, error["code"]?.GetValue<string>());
        Assert.Equal(retryAfter, response.Headers.TryGetValue("retry-after", out var value) ? value : null);
    }

    [Fact]
    public async Task Fail_OnAnthropic_UsesItsErrorTypes()
    {
        using var response = await sim.Http.SendAsync(SimRequests.Anthropic("/v1/messages", SimRequests.Message("hi"), "fail=529"), Token);

        Assert.Equal(529, (int)response.StatusCode);
        Assert.True(response.Headers.Contains("retry-after"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("overloaded_error", body["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailAfter_StreamsThatManyChunksThenAnErrorEvent()
    {
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", SimRequests.Chat("hi", stream: true), "tokens=20; fail=500; fail-after=5-chunks"),
            HttpCompletionOption.ResponseHeadersRead, Token);

        var events = await SseReader.ReadAllAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(6, events.Count);
        Assert.All(events[..5], e => Assert.Equal("chat.completion.chunk", e.Json.GetProperty("object").GetString()));
        Assert.Equal("server_error", events[5].Json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task FailAfter_OnAnthropic_EndsWithAnErrorEvent()
    {
        using var response = await sim.Http.SendAsync(SimRequests.Anthropic("/v1/messages", SimRequests.Message("hi", stream: true), "tokens=20; fail=529; fail-after=4"),
            HttpCompletionOption.ResponseHeadersRead, Token);

        var events = await SseReader.ReadAllAsync(response);
        var stream = AnthropicStreamChecker.Check(events, allowError: true);

        Assert.Equal(5, events.Count);
        Assert.Equal("overloaded_error", stream.ErrorType);
    }

    [Fact]
    public async Task DisconnectAfter_CutsTheConnectionMidStream()
    {
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", SimRequests.Chat("hi", stream: true), "tokens=20; disconnect-after=3-chunks"),
            HttpCompletionOption.ResponseHeadersRead, Token);
        var received = new List<SseEvent>();

        var cut = await Record.ExceptionAsync(async () =>
        {
            await foreach (var e in SseReader.ReadAsync(await response.Content.ReadAsStreamAsync(Token)))
            {
                received.Add(e);
            }
        });

        Assert.IsAssignableFrom<IOException>(cut);
        Assert.Equal(3, received.Count);
    }

    [Fact]
    public async Task Hang_StallsUntilTheClientGivesUp()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(400));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", SimRequests.Chat("hi"), "hang"), timeout.Token));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350));
    }

    [Fact]
    public async Task HangAfter_StallsMidStream()
    {
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", SimRequests.Chat("hi", stream: true), "tokens=20; hang-after=2-chunks"),
            HttpCompletionOption.ResponseHeadersRead, Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(400));
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                received += line.StartsWith("data:", StringComparison.Ordinal) ? 1 : 0;
            }
        });

        Assert.Equal(2, received);
    }

    [Fact]
    public async Task UnknownDirective_Is400NamingIt()
    {
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", SimRequests.Chat("hi"), "ttft=5ms; explode"), Token);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("explode", await response.Content.ReadAsStringAsync(Token));
    }
}
