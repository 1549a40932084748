using System.Text.Json;
using Platform.Hosting.Model;
using Platform.Hosting.Resources.Projects;

namespace Platform.Hosting.Manifest;

internal static class ProjectManifest
{
    public static void Write(Utf8JsonWriter json, ProjectResource project, string repositoryRoot)
    {
        json.WriteString("type", "project.v0");
        var appHostDirectory = Path.Combine(repositoryRoot, "AppHost");
        json.WriteString("path", Path.GetRelativePath(appHostDirectory, Path.Combine(repositoryRoot, project.ProjectPath)));
        json.WriteStartObject("env");
        json.WriteString("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES", "true");
        json.WriteString("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES", "true");
        json.WriteString("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory");
        json.WriteString("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
        foreach (var endpoint in project.Endpoints)
        {
            json.WriteString($"Kestrel__Endpoints__{endpoint.Name}__Url", $"http://*:{{{project.Name}.bindings.{endpoint.Name}.targetPort}}");
            if (endpoint.Http2Only)
            {
                json.WriteString($"Kestrel__Endpoints__{endpoint.Name}__Protocols", "Http2");
            }
        }
        foreach (var reference in project.References)
        {
            WriteReference(json, reference);
        }
        foreach (var (key, value) in project.EnvironmentValues)
        {
            json.WriteString(key, value.Manifest);
        }
        json.WriteEndObject();
        json.WriteStartObject("bindings");
        foreach (var endpoint in project.Endpoints)
        {
            json.WriteStartObject(endpoint.Name);
            json.WriteString("scheme", "http");
            json.WriteString("protocol", "tcp");
            json.WriteString("transport", endpoint.Http2Only ? "http2" : "http");
            json.WriteNumber("targetPort", endpoint.ContainerPort);
            if (endpoint.IsExternal)
            {
                json.WriteBoolean("external", true);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteReference(Utf8JsonWriter json, Resource reference)
    {
        switch (reference)
        {
            case IResourceWithConnectionString:
                json.WriteString($"ConnectionStrings__{reference.Name}", $"{{{reference.Name}.connectionString}}");
                break;
            case ServiceResource service:
                // In a container platform each service has one address whatever its replica count.
                foreach (var endpoint in service.Endpoints)
                {
                    json.WriteString($"services__{service.Name}__{endpoint.Name}__0", $"{{{service.Name}.bindings.{endpoint.Name}.url}}");
                }
                break;
        }
    }
}
