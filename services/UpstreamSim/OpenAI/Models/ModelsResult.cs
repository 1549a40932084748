using System.Text.Json;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.OpenAI.Models;

/// <summary>One model object, or the list of all when <paramref name="single"/> is null.</summary>
internal sealed class ModelsResult(ModelInfo? single) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        JsonBody.WriteAsync(httpContext, StatusCodes.Status200OK, single, static (json, single) =>
        {
            if (single is not null)
            {
                Write(json, single);
                return;
            }
            json.WriteStartObject();
            json.WriteString("object"u8, "list"u8);
            json.WriteStartArray("data"u8);
            foreach (var model in ModelCatalog.All)
            {
                Write(json, model);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void Write(Utf8JsonWriter json, ModelInfo model)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, model.Id);
        json.WriteString("object"u8, "model"u8);
        json.WriteNumber("created"u8, model.Created);
        json.WriteString("owned_by"u8, model.OwnedBy);
        json.WriteEndObject();
    }
}
