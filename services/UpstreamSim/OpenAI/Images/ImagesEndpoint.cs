using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.OpenAI.Images;

internal static class ImagesEndpoint
{
    public static async Task<IResult> GenerateAsync(HttpContext context, RequestCounters counters)
    {
        using var document = await RequestJson.ReadAsync(context);
        if (document is null)
        {
            return OpenAIError.InvalidJson();
        }
        var request = document.RootElement;
        var prompt = request.String("prompt");
        if (string.IsNullOrEmpty(prompt))
        {
            return OpenAIError.BadRequest("'prompt' is a required property", "prompt");
        }
        var model = request.String("model") ?? "dall-e-2";
        var count = request.Int("n") ?? 1;
        if (count is < 1 or > 10)
        {
            return OpenAIError.BadRequest($"{count} is not a valid value for 'n'; it must be between 1 and 10.", "n");
        }
        // gpt-image-* always answers with base64; the DALL-E models default to URLs.
        var base64 = model.StartsWith("gpt-image", StringComparison.Ordinal) || request.String("response_format") == "b64_json";
        counters.Model(model);
        if (!await Stall.WaitAsync(SimFeature.Get(context).TimeToFirstToken, context.RequestAborted))
        {
            return Results.Empty;
        }

        var seed = new ContentSeed();
        seed.Add(model);
        seed.Add(prompt);
        var seeds = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            seed.Add(i);
            seeds[i] = seed.Value;
        }
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        return new ImagesResult(model, prompt, seeds, base64, baseUrl);
    }
}
