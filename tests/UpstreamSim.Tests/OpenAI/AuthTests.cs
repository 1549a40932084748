using System.ClientModel;
using System.Text.Json.Nodes;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.OpenAI;

public sealed class AuthTests(Simulator sim)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WrongKey_GetsOpenAIs401Body()
    {
        var failure = await Assert.ThrowsAsync<ClientResultException>(() =>
            sim.OpenAI(key: "sk-wrong-key-000000000").GetChatClient("gpt-4o-mini").CompleteChatAsync(["hi"], cancellationToken: Token));

        Assert.Equal(401, failure.Status);
        var error = JsonNode.Parse(failure.GetRawResponse()!.Content.ToString())!["error"]!;
        Assert.Equal("invalid_api_key", error["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Null(error["param"]);
        Assert.DoesNotContain("sk-wrong-key-000000000", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingKey_Is401()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings")
        {
            Content = new StringContent("""{"model":"text-embedding-3-small","input":"x"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await sim.Http.SendAsync(request, Token);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("didn't provide an API key", await response.Content.ReadAsStringAsync(Token));
    }
}
