using System.Text.Json;

namespace Platform.UpstreamSim.Http;

/// <summary>Reads a request body as JSON; null when it is not a JSON object (each provider words that error its own way).</summary>
internal static class RequestJson
{
    public static async ValueTask<JsonDocument?> ReadAsync(HttpContext context)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
