using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.OpenAI.Moderations;

/// <summary>OpenAI's moderation object: one result per input with every category, score and input type.</summary>
internal sealed record ModerationResult(string Model, List<string> Texts) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        JsonBody.WriteAsync(httpContext, StatusCodes.Status200OK, this, static (json, result) =>
        {
            json.WriteStartObject();
            json.WriteString("id"u8, Ids.New("modr-"));
            json.WriteString("model"u8, result.Model);
            json.WriteStartArray("results"u8);
            foreach (var text in result.Texts)
            {
                var hits = ModerationCategories.All
                    .Select(category => category.Triggers.Any(trigger => text.Contains(trigger, StringComparison.OrdinalIgnoreCase)))
                    .ToArray();
                json.WriteStartObject();
                json.WriteBoolean("flagged"u8, hits.Any(hit => hit));
                json.WriteStartObject("categories"u8);
                for (var i = 0; i < hits.Length; i++)
                {
                    json.WriteBoolean(ModerationCategories.All[i].Name, hits[i]);
                }
                json.WriteEndObject();
                json.WriteStartObject("category_scores"u8);
                var seed = new ContentSeed();
                seed.Add(text);
                var random = new SeededRandom(seed.Value);
                for (var i = 0; i < hits.Length; i++)
                {
                    var noise = (random.NextSigned() + 1) / 2;
                    json.WriteNumber(ModerationCategories.All[i].Name, hits[i] ? 0.9 + noise * 0.09 : noise * 1e-4);
                }
                json.WriteEndObject();
                json.WriteStartObject("category_applied_input_types"u8);
                foreach (var (name, _) in ModerationCategories.All)
                {
                    json.WriteStartArray(name);
                    json.WriteStringValue("text"u8);
                    json.WriteEndArray();
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
}
