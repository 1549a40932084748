using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.OpenAI;

public sealed class ChatCompletionTests(Simulator sim)
{
    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool("get_weather", "Current weather",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]},"days":{"type":"integer"}},"required":["city"]}"""));

    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Complete_ParsesWithUsageMatchingTheAnswer()
    {
        var chat = sim.OpenAI("tokens=12").GetChatClient("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Say something.")], cancellationToken: Token);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(12, completion.Content[0].Text.Split(' ').Length);
        Assert.Equal(12, completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.StartsWith("chatcmpl-", completion.Id);
    }

    [Fact]
    public async Task Stream_TokenCountEqualsDeltasAndContentEqualsTheWholeAnswer()
    {
        var chat = sim.OpenAI().GetChatClient("gpt-4o-mini");
        List<ChatMessage> messages = [new SystemChatMessage("Be brief."), new UserChatMessage("Tell me about rivers.")];
        ChatCompletion whole = await chat.CompleteChatAsync(messages, cancellationToken: Token);

        var text = new StringBuilder();
        var deltas = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, cancellationToken: Token))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
                deltas += part.Text.Length > 0 ? 1 : 0;
            }
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(deltas, usage.OutputTokenCount);
        Assert.Equal(whole.Usage.InputTokenCount, usage.InputTokenCount);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Fact]
    public async Task SameRequest_SameAnswer_OtherPrompt_OtherAnswer()
    {
        var chat = sim.OpenAI().GetChatClient("gpt-4o-mini");

        ChatCompletion first = await chat.CompleteChatAsync([new UserChatMessage("alpha")], cancellationToken: Token);
        ChatCompletion second = await chat.CompleteChatAsync([new UserChatMessage("alpha")], cancellationToken: Token);
        ChatCompletion other = await chat.CompleteChatAsync([new UserChatMessage("beta")], cancellationToken: Token);

        Assert.Equal(first.Content[0].Text, second.Content[0].Text);
        Assert.NotEqual(first.Content[0].Text, other.Content[0].Text);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task MaxOutputTokens_CutsTheAnswerWithFinishReasonLength()
    {
        var chat = sim.OpenAI("tokens=50").GetChatClient("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("long please")],
            new ChatCompletionOptions { MaxOutputTokenCount = 5 }, Token);

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task StreamedToolCall_ArgumentFragmentsJoinToValidJsonAndCountAsTokens()
    {
        var chat = sim.OpenAI().GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions { Tools = { Weather } };

        var arguments = new StringBuilder();
        string? id = null, name = null;
        var fragments = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Use get_weather for Paris")], options, Token))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                Assert.Equal(0, call.Index);
                id ??= call.ToolCallId;
                name ??= call.FunctionName;
                var fragment = call.FunctionArgumentsUpdate?.ToString() ?? "";
                arguments.Append(fragment);
                fragments += fragment.Length > 0 ? 1 : 0;
            }
            Assert.DoesNotContain(update.ContentUpdate, part => part.Text.Length > 0);
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal("get_weather", name);
        Assert.StartsWith("call_", id);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.True(fragments > 1, "arguments should arrive in several fragments");
        using var parsed = JsonDocument.Parse(arguments.ToString());
        Assert.Equal(JsonValueKind.String, parsed.RootElement.GetProperty("city").ValueKind);
        Assert.Contains(parsed.RootElement.GetProperty("unit").GetString(), new[] { "c", "f" });
        Assert.Equal(JsonValueKind.Number, parsed.RootElement.GetProperty("days").ValueKind);
        Assert.Equal(fragments, usage!.OutputTokenCount);
    }

    [Fact]
    public async Task ToolCall_NonStreaming_AndToolResultTurnGetsText()
    {
        var chat = sim.OpenAI().GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        List<ChatMessage> messages = [new UserChatMessage("What is it like outside?")];

        ChatCompletion call = await chat.CompleteChatAsync(messages, options, Token);
        Assert.Equal(ChatFinishReason.ToolCalls, call.FinishReason);
        var toolCall = Assert.Single(call.ToolCalls);
        Assert.Equal("get_weather", toolCall.FunctionName);
        JsonDocument.Parse(toolCall.FunctionArguments.ToString()).Dispose();

        messages.Add(new AssistantChatMessage(call));
        messages.Add(new ToolChatMessage(toolCall.Id, """{"temperature":21}"""));
        ChatCompletion answer = await chat.CompleteChatAsync(messages, options, Token);

        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.NotEmpty(answer.Content[0].Text);
    }

    [Fact]
    public async Task ToolsWithoutAsking_AnswerWithText()
    {
        var chat = sim.OpenAI().GetChatClient("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hello there")],
            new ChatCompletionOptions { Tools = { Weather } }, Token);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Empty(completion.ToolCalls);
    }
}
