using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.OpenAI.Moderations;

internal static class ModerationsEndpoint
{
    public static async Task<IResult> CreateAsync(HttpContext context, RequestCounters counters)
    {
        using var document = await RequestJson.ReadAsync(context);
        if (document is null)
        {
            return OpenAIError.InvalidJson();
        }
        var request = document.RootElement;
        if (!request.TryGetProperty("input", out var input))
        {
            return OpenAIError.BadRequest("'input' is a required property", "input");
        }
        var model = request.String("model") ?? "omni-moderation-latest";
        counters.Model(model);
        if (!await Stall.WaitAsync(SimFeature.Get(context).TimeToFirstToken, context.RequestAborted))
        {
            return Results.Empty;
        }
        return new ModerationResult(model, Texts(input));
    }

    // A string, strings, or multimodal parts (only text parts are judged here).
    private static List<string> Texts(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return [input.GetString()!];
        }
        var texts = new List<string>();
        if (input.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in input.EnumerateArray())
            {
                texts.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.String("text") ?? "");
            }
        }
        return texts.Count > 0 && input[0].ValueKind != JsonValueKind.String ? [string.Join('\n', texts)] : texts;
    }
}
