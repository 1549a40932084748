using System.Buffers;
using System.Runtime.InteropServices;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.OpenAI.Embeddings;

/// <summary>The embeddings list: floats, or base64 of little-endian float32 (what the official SDKs ask for).</summary>
internal sealed record EmbeddingsResult(string Model, List<EmbeddingInput> Inputs, int Dimensions, bool Base64) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        JsonBody.WriteAsync(httpContext, StatusCodes.Status200OK, this, static (json, result) =>
        {
            var buffer = ArrayPool<float>.Shared.Rent(result.Dimensions);
            try
            {
                var vector = buffer.AsSpan(0, result.Dimensions);
                json.WriteStartObject();
                json.WriteString("object"u8, "list"u8);
                json.WriteStartArray("data"u8);
                var tokens = 0;
                for (var i = 0; i < result.Inputs.Count; i++)
                {
                    tokens += result.Inputs[i].Tokens;
                    EmbeddingVector.Fill(vector, result.Model, result.Inputs[i].Text);
                    json.WriteStartObject();
                    json.WriteString("object"u8, "embedding"u8);
                    json.WriteNumber("index"u8, i);
                    if (result.Base64)
                    {
                        // float32 little-endian on every platform .NET runs here.
                        json.WriteBase64String("embedding"u8, MemoryMarshal.AsBytes(vector));
                    }
                    else
                    {
                        json.WriteStartArray("embedding"u8);
                        foreach (var value in vector)
                        {
                            json.WriteNumberValue(value);
                        }
                        json.WriteEndArray();
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteString("model"u8, result.Model);
                json.WriteStartObject("usage"u8);
                json.WriteNumber("prompt_tokens"u8, tokens);
                json.WriteNumber("total_tokens"u8, tokens);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        });
}
