using System.Buffers;
using System.Text.Json;

namespace Platform.UpstreamSim.Generation;

/// <summary>Arguments that satisfy a tool's JSON schema well enough to parse: every property, typed per the schema.</summary>
internal static class ToolArguments
{
    public static string Generate(JsonElement schema, ref SeededRandom random)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, SimJson.WriterOptions))
        {
            WriteValue(json, schema, ref random, depth: 0);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>About one token (4 characters) per fragment, as a model streams arguments.</summary>
    public static string[] Fragments(string arguments)
    {
        var fragments = new string[(arguments.Length + 3) / 4];
        for (var i = 0; i < fragments.Length; i++)
        {
            fragments[i] = arguments.Substring(i * 4, Math.Min(4, arguments.Length - i * 4));
        }
        return fragments;
    }

    private static void WriteValue(Utf8JsonWriter json, JsonElement schema, ref SeededRandom random, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            json.WriteStartObject();
            json.WriteEndObject();
            return;
        }
        if (schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            choices[random.Next(choices.GetArrayLength())].WriteTo(json);
            return;
        }
        var type = schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "object";
        switch (type)
        {
            case "string":
                json.WriteStringValue(Vocabulary.Piece(random.Next(Vocabulary.Count), false, true, false));
                break;
            case "integer":
                json.WriteNumberValue(random.Next(1, 100));
                break;
            case "number":
                json.WriteNumberValue(random.Next(1, 1000) / 10.0);
                break;
            case "boolean":
                json.WriteBooleanValue(random.Next(2) == 1);
                break;
            case "array":
                json.WriteStartArray();
                if (depth < 4 && schema.TryGetProperty("items", out var items))
                {
                    WriteValue(json, items, ref random, depth + 1);
                }
                json.WriteEndArray();
                break;
            case "null":
                json.WriteNullValue();
                break;
            default:
                json.WriteStartObject();
                if (depth < 4 && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        json.WritePropertyName(property.Name);
                        WriteValue(json, property.Value, ref random, depth + 1);
                    }
                }
                json.WriteEndObject();
                break;
        }
    }
}
