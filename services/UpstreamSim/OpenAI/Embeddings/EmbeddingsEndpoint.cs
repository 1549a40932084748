using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Http;
using Platform.UpstreamSim.OpenAI.Models;

namespace Platform.UpstreamSim.OpenAI.Embeddings;

internal static class EmbeddingsEndpoint
{
    public static async Task<IResult> CreateAsync(HttpContext context, RequestCounters counters)
    {
        using var document = await RequestJson.ReadAsync(context);
        if (document is null)
        {
            return OpenAIError.InvalidJson();
        }
        var request = document.RootElement;
        var model = request.String("model");
        if (string.IsNullOrEmpty(model))
        {
            return OpenAIError.BadRequest("you must provide a model parameter", "model");
        }
        if (!request.TryGetProperty("input", out var input) || Inputs(input) is not { Count: > 0 } inputs)
        {
            return OpenAIError.BadRequest("'input' is a required property and must be a string or an array", "input");
        }
        counters.Model(model);

        var native = ModelCatalog.Find(model)?.EmbeddingDimensions is > 0 and var known ? known : ModelCatalog.DefaultEmbeddingDimensions;
        var dimensions = request.Int("dimensions");
        if (dimensions is not null && model == "text-embedding-ada-002")
        {
            return OpenAIError.BadRequest("This model does not support specifying dimensions.", "dimensions");
        }
        if (dimensions is < 1 || dimensions > native)
        {
            return OpenAIError.BadRequest($"Invalid value for 'dimensions' = {dimensions}. Must be between 1 and {native}.", "dimensions");
        }
        var base64 = request.String("encoding_format") switch
        {
            null or "float" => false,
            "base64" => true,
            _ => (bool?)null,
        };
        if (base64 is null)
        {
            return OpenAIError.BadRequest("'encoding_format' must be 'float' or 'base64'", "encoding_format");
        }
        var directives = SimFeature.Get(context);
        if (!await Stall.WaitAsync(directives.TimeToFirstToken, context.RequestAborted))
        {
            return Results.Empty;
        }
        return new EmbeddingsResult(model, inputs, dimensions ?? native, base64.Value);
    }

    private static List<EmbeddingInput>? Inputs(JsonElement input)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                return [Text(input.GetString()!)];
            case JsonValueKind.Array when input.GetArrayLength() > 0 && input[0].ValueKind == JsonValueKind.Number:
                return [new(input.GetRawText(), input.GetArrayLength())];
            case JsonValueKind.Array:
                var inputs = new List<EmbeddingInput>(input.GetArrayLength());
                foreach (var item in input.EnumerateArray())
                {
                    inputs.Add(item.ValueKind == JsonValueKind.String ? Text(item.GetString()!) : new(item.GetRawText(), item.GetArrayLength()));
                }
                return inputs;
            default:
                return null;
        }
    }

    private static EmbeddingInput Text(string text) => new(text, TokenEstimator.Estimate(text));
}
