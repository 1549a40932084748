using System.Text;
using System.Text.Json;
using Platform.Hosting.Model;
using Platform.Hosting.Resources.Postgres;
using Platform.Hosting.Resources.Projects;
using Platform.Hosting.Resources.RabbitMQ;
using Platform.Hosting.Resources.Redis;

namespace Platform.Hosting.Manifest;

/// <summary>
/// Writes the topology in Aspire's manifest format (aspire-8.0 schema), which azd (Azure Container Apps) and
/// aspirate (Kubernetes) deploy: the Debian servers become their official container images, projects stay projects.
/// </summary>
internal static class ManifestWriter
{
    public static string Write(IReadOnlyList<Resource> resources, string repositoryRoot)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/aspire-8.0.json");
            json.WriteStartObject("resources");
            foreach (var resource in resources.Where(r => !r.ExcludedFromManifest))
            {
                json.WriteStartObject(resource.Name);
                WriteResource(json, resource, repositoryRoot);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteResource(Utf8JsonWriter json, Resource resource, string repositoryRoot)
    {
        switch (resource)
        {
            case ParameterResource parameter:
                ParameterManifest.Write(json, parameter);
                break;
            case PostgresServerResource postgres:
                ContainerManifest.Write(json, postgres, "docker.io/library/postgres:15", 5432, env: new()
                {
                    ["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256",
                    ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
                    ["POSTGRES_USER"] = "postgres",
                    ["POSTGRES_PASSWORD"] = postgres.Password.ValueExpression,
                });
                break;
            case PostgresDatabaseResource database:
                json.WriteString("type", "value.v0");
                json.WriteString("connectionString", database.ConnectionStringExpression);
                break;
            case RedisResource redis:
                ContainerManifest.Write(json, redis, "docker.io/library/redis:7.0", 6379, env: [],
                    args: ["--requirepass", redis.Password.ValueExpression, "--save", "", "--appendonly", "no"]);
                break;
            case RabbitMQResource rabbit:
                ContainerManifest.Write(json, rabbit, "docker.io/library/rabbitmq:3.10", 5672, env: new()
                {
                    ["RABBITMQ_DEFAULT_USER"] = RabbitMQResource.UserName,
                    ["RABBITMQ_DEFAULT_PASS"] = rabbit.Password.ValueExpression,
                });
                break;
            case ProjectResource project:
                ProjectManifest.Write(json, project, repositoryRoot);
                break;
            default:
                throw new HostingException($"{resource} cannot be deployed from a manifest; mark it ExcludeFromManifest().");
        }
    }
}
