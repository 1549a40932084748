using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Media;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.OpenAI.Images;

/// <summary>
/// The images response: each image as <c>b64_json</c> or as a URL that this simulator serves (regenerated from the
/// seed in the URL, so nothing is stored).
/// </summary>
internal sealed record ImagesResult(string Model, string Prompt, ulong[] Seeds, bool Base64, string BaseUrl) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        JsonBody.WriteAsync(httpContext, StatusCodes.Status200OK, this, static (json, result) =>
        {
            json.WriteStartObject();
            json.WriteNumber("created"u8, Ids.UnixNow());
            json.WriteStartArray("data"u8);
            foreach (var seed in result.Seeds)
            {
                json.WriteStartObject();
                if (result.Base64)
                {
                    json.WriteBase64String("b64_json"u8, PngImage.Create(seed));
                }
                else
                {
                    json.WriteString("url"u8, $"{result.BaseUrl}/sim/images/{seed}.png");
                }
                if (result.Model == "dall-e-3")
                {
                    json.WriteString("revised_prompt"u8, result.Prompt);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
}
