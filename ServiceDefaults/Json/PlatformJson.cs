using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.ServiceDefaults.Json;

/// <summary>
/// The platform's JSON conventions: web defaults, snake_case property names, enums as
/// snake_case strings and null properties left out. HTTP endpoints use them through
/// <c>AddServiceDefaults</c>; use <see cref="Options"/> wherever JSON is written or read by hand.
/// </summary>
public static class PlatformJson
{
    /// <summary>Read-only options with the platform conventions applied.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Applies the platform conventions to options created elsewhere (for example ASP.NET Core's).</summary>
    public static void ApplyTo(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApplyTo(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
