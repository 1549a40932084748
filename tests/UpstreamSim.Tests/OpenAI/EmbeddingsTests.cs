using System.Text.Json.Nodes;
using OpenAI.Embeddings;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.OpenAI;

public sealed class EmbeddingsTests(Simulator sim)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("text-embedding-3-small", 1536)]
    [InlineData("text-embedding-3-large", 3072)]
    public async Task Embeddings_AreDeterministicUnitVectorsOfTheModelsDimension(string model, int dimension)
    {
        var client = sim.OpenAI().GetEmbeddingClient(model);

        OpenAIEmbeddingCollection first = await client.GenerateEmbeddingsAsync(["red apple", "blue sky"], cancellationToken: Token);
        OpenAIEmbeddingCollection again = await client.GenerateEmbeddingsAsync(["red apple"], cancellationToken: Token);

        Assert.Equal(2, first.Count);
        foreach (var embedding in first)
        {
            var vector = embedding.ToFloats().ToArray();
            Assert.Equal(dimension, vector.Length);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 4);
        }
        Assert.Equal(first[0].ToFloats().ToArray(), again[0].ToFloats().ToArray());
        Assert.NotEqual(first[0].ToFloats().ToArray(), first[1].ToFloats().ToArray());
        // ceil(9 / 4) + ceil(8 / 4): four characters per token.
        Assert.Equal(5, first.Usage.InputTokenCount);
        Assert.Equal(first.Usage.InputTokenCount, first.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Dimensions_AreHonoured()
    {
        OpenAIEmbedding embedding = await sim.OpenAI().GetEmbeddingClient("text-embedding-3-small")
            .GenerateEmbeddingAsync("hello", new EmbeddingGenerationOptions { Dimensions = 256 }, Token);

        var vector = embedding.ToFloats().ToArray();
        Assert.Equal(256, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 4);
    }

    [Fact]
    public async Task FloatEncoding_CarriesTheSameVectorAsBase64()
    {
        // The SDK asks for base64; the float form is checked on the wire.
        OpenAIEmbedding viaSdk = await sim.OpenAI().GetEmbeddingClient("text-embedding-3-small")
            .GenerateEmbeddingAsync("same input", new EmbeddingGenerationOptions { Dimensions = 8 }, Token);
        var body = new JsonObject { ["model"] = "text-embedding-3-small", ["input"] = "same input", ["dimensions"] = 8, ["encoding_format"] = "float" };
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/embeddings", body), Token);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;

        var floats = json["data"]![0]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        Assert.Equal(viaSdk.ToFloats().ToArray(), floats);
    }

    [Fact]
    public async Task AdaWithDimensions_IsRejectedLikeTheRealApi()
    {
        var body = new JsonObject { ["model"] = "text-embedding-ada-002", ["input"] = "x", ["dimensions"] = 8 };
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/embeddings", body), Token);

        Assert.Equal(400, (int)response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal("dimensions", error["param"]!.GetValue<string>());
    }
}
