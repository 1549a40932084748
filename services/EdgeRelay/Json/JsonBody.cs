using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Platform.ServiceDefaults.Json;

namespace Platform.EdgeRelay.Json;

/// <summary>
/// Reads a management request body strictly: malformed JSON, a value of the wrong type and an unknown field (a typo
/// such as "quota" for "quota_micro_coins" must not be ignored) are refused with a message naming the field.
/// </summary>
internal static partial class JsonBody
{
    private static readonly JsonSerializerOptions Strict = new(PlatformJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <param name="optional">An empty body reads as <c>{}</c>.</param>
    public static async Task<T> ReadAsync<T>(HttpContext context, bool optional = false) where T : new()
    {
        if (context.Request.ContentLength == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
        {
            return optional ? new T() : throw new InvalidRequestException($"the body is empty; send a JSON object with {FieldList<T>()}");
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException exception)
        {
            throw new InvalidRequestException($"the body is not valid JSON ({exception.Message}); send a JSON object with {FieldList<T>()}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidRequestException($"the body must be a JSON object with {FieldList<T>()}, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }
            try
            {
                return document.RootElement.Deserialize<T>(Strict) ?? new T();
            }
            catch (JsonException exception)
            {
                throw Refusal<T>(exception);
            }
        }
    }

    private static InvalidRequestException Refusal<T>(JsonException exception)
    {
        var match = exception.Path is null ? null : FieldOfPath().Match(exception.Path);
        if (match is null || !match.Success)
        {
            return new InvalidRequestException($"the body does not fit this route ({exception.Message}); send a JSON object with {FieldList<T>()}");
        }
        var name = match.Groups["plain"].Success ? match.Groups["plain"].Value : match.Groups["quoted"].Value;
        var property = Strict.GetTypeInfo(typeof(T)).Properties.FirstOrDefault(p => p.Name == name);
        return property is null
            ? new InvalidRequestException($"unknown field '{name}'; this route takes {FieldList<T>()}", name)
            : new InvalidRequestException($"field '{name}' must be {Describe(property.PropertyType)}", name);
    }

    private static string FieldList<T>() => string.Join(", ", Strict.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name));

    private static string Describe(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>))
        {
            return Describe(type.GetGenericArguments()[0]);
        }
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Describe(inner) + " or null";
        }
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "an integer",
            _ when type == typeof(DateTimeOffset) => "a time in ISO 8601, e.g. \"2030-01-31T00:00:00Z\"",
            _ when type == typeof(string[]) => "a list of strings",
            _ when type == typeof(JsonElement[]) => "a list of JSON objects",
            _ when type == typeof(Dictionary<string, JsonElement>) => "a JSON object",
            _ => "JSON of another shape",
        };
    }

    // "$.name", "$.allowed_models[2]" or "$['odd name']": the top-level field.
    [GeneratedRegex(@"^\$(?:\.(?<plain>[^.\[]+)|\['(?<quoted>(?:[^']|\\')*)'\])")]
    private static partial Regex FieldOfPath();
}
