using System.Text.Json;
using Platform.UpstreamSim.Generation;

namespace Platform.UpstreamSim.Sse;

/// <summary>Writes a whole JSON response straight into the response pipe.</summary>
internal static class JsonBody
{
    public static async Task WriteAsync<TState>(HttpContext context, int status, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        using (var json = new Utf8JsonWriter(response.BodyWriter, SimJson.WriterOptions))
        {
            write(json, state);
        }
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
