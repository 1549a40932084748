using System.Text.Json;
using Platform.EdgeRelay.Json;

namespace Platform.EdgeRelay.Channels.Admin;

/// <summary>
/// Reads an admin request body strictly: a JSON object of known snake_case fields, each of the right type, each once.
/// Type errors name the field; they never quote a key.
/// </summary>
internal static class ChannelRequestReader
{
    private const string Fields = "name, kind, base_url, api_version, keys, models, model_map, priority, weight, no_native_streaming, enabled";

    /// <exception cref="ChannelValidationException">The body is not such an object.</exception>
    public static ChannelPatch Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ChannelValidationException($"the body must be a JSON object with the channel's fields ({Fields})", "body");
        }
        var patch = new ChannelPatch();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in body.EnumerateObject())
        {
            if (!seen.Add(field.Name))
            {
                throw new ChannelValidationException($"field '{field.Name}' is given twice", field.Name);
            }
            var value = field.Value;
            patch = field.Name switch
            {
                "name" => patch with { Name = Text(value, "name") },
                "kind" => patch with { Kind = Text(value, "kind") },
                "base_url" => patch with { BaseUrl = Text(value, "base_url") },
                "api_version" => patch with { ApiVersion = value.ValueKind == JsonValueKind.Null ? null : Text(value, "api_version") },
                "keys" => patch with { Keys = Texts(value, "keys", "the upstream API keys") },
                "models" => patch with { Models = Texts(value, "models", "public model names, or \"*\"") },
                "model_map" => patch with { ModelMap = value.ValueKind == JsonValueKind.Null ? new Dictionary<string, string>() : Map(value) },
                "priority" => patch with { Priority = Integer(value, "priority") },
                "weight" => patch with { Weight = Integer(value, "weight") },
                "no_native_streaming" => patch with { NoNativeStreaming = Flag(value, "no_native_streaming") },
                "enabled" => patch with { Enabled = Flag(value, "enabled") },
                _ => throw new ChannelValidationException($"unknown field '{field.Name}'; a channel has {Fields}", field.Name),
            };
        }
        return patch;
    }

    private static string Text(JsonElement value, string field) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new ChannelValidationException($"{field} must be a string", field);

    // Optional<T> built explicitly: C# applies no user-defined conversion from an interface type.
    private static Optional<IReadOnlyList<string>> Texts(JsonElement value, string field, string what)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw new ChannelValidationException($"{field} must be an array of strings ({what})", field);
        }
        return new(value.EnumerateArray().Select(item => item.GetString()!).ToList());
    }

    private static Dictionary<string, string> Map(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(entry => entry.Value.ValueKind != JsonValueKind.String))
        {
            throw new ChannelValidationException("model_map must be an object of strings: {\"public name\": \"upstream name\"}", "model_map");
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in value.EnumerateObject())
        {
            if (!map.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw new ChannelValidationException($"model_map maps '{entry.Name}' twice", "model_map");
            }
        }
        return map;
    }

    private static int Integer(JsonElement value, string field) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
        ? number
        : throw new ChannelValidationException($"{field} must be a whole number", field);

    private static bool Flag(JsonElement value, string field) => value.ValueKind is JsonValueKind.True or JsonValueKind.False
        ? value.GetBoolean()
        : throw new ChannelValidationException($"{field} must be true or false", field);
}
