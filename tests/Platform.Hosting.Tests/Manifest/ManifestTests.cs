using System.Text.Json;
using Platform.Hosting.Runtime;
using Platform.Hosting.Tests.Support;

namespace Platform.Hosting.Tests.Manifest;

public sealed class ManifestTests
{
    [Fact]
    public async Task Publish_EqualsTheCheckedInManifest()
    {
        using var state = new TempStateDirectory();
        Directory.CreateDirectory(state.Path);
        var output = Path.Combine(state.Path, "aspire-manifest.json");

        var (exitCode, log) = await AppHostProcess.RunAsync("publish", "--output-path", output);

        Assert.True(exitCode == 0, log);
        var checkedIn = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "aspire-manifest.json"), TestContext.Current.CancellationToken);
        Assert.True(checkedIn == await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken),
            "aspire-manifest.json is out of date: run ./platform publish and commit the result.");
    }

    [Fact]
    public async Task Manifest_DescribesServersDatabasesAndSecretsInAspiresFormat()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "aspire-manifest.json"), TestContext.Current.CancellationToken);
        using var manifest = JsonDocument.Parse(text);
        Assert.Equal("https://json.schemastore.org/aspire-8.0.json", manifest.RootElement.GetProperty("$schema").GetString());
        var resources = manifest.RootElement.GetProperty("resources");

        foreach (var server in new[] { "postgres", "redis", "rabbitmq" })
        {
            var resource = resources.GetProperty(server);
            Assert.Equal("container.v0", resource.GetProperty("type").GetString());
            Assert.Contains($"{{{server}.bindings.tcp.port}}", resource.GetProperty("connectionString").GetString());
        }
        Assert.Equal("{postgres.connectionString};Database=ledgerdb", resources.GetProperty("ledgerdb").GetProperty("connectionString").GetString());
        var token = resources.GetProperty("admin-token");
        Assert.Equal("parameter.v0", token.GetProperty("type").GetString());
        Assert.True(token.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        Assert.True(token.GetProperty("inputs").GetProperty("value").GetProperty("default").TryGetProperty("generate", out _));
    }
}
