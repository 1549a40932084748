using System.Text.Json;
using Platform.Hosting.Model;

namespace Platform.Hosting.Manifest;

internal static class ContainerManifest
{
    public static void Write(Utf8JsonWriter json, IResourceWithConnectionString resource, string image, int port,
        Dictionary<string, string> env, IReadOnlyList<string>? args = null)
    {
        json.WriteString("type", "container.v0");
        json.WriteString("connectionString", resource.ConnectionStringExpression);
        json.WriteString("image", image);
        if (args is { Count: > 0 })
        {
            json.WriteStartArray("args");
            foreach (var arg in args)
            {
                json.WriteStringValue(arg);
            }
            json.WriteEndArray();
        }
        if (env.Count > 0)
        {
            json.WriteStartObject("env");
            foreach (var (key, value) in env)
            {
                json.WriteString(key, value);
            }
            json.WriteEndObject();
        }
        json.WriteStartObject("bindings");
        json.WriteStartObject("tcp");
        json.WriteString("scheme", "tcp");
        json.WriteString("protocol", "tcp");
        json.WriteString("transport", "tcp");
        json.WriteNumber("targetPort", port);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
