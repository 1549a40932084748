using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Hosting;

namespace Platform.AppHost.FirstRun;

/// <summary>
/// A local run's first start: a demo user with 5 USD of coins, an API key for it in <c>.platform/demo-key</c> and its
/// management token in <c>.platform/demo-management-token</c> (both 0600), and a simulator channel serving every model
/// of the price catalog, all made through the edge's own APIs. Done once per data directory (a marker lives with the
/// data, so <c>--fresh</c> seeds again); later starts only point the channel at the simulator's new port. Every start
/// prints how to call it.
/// </summary>
internal static class DemoSeed
{
    private const long FiveUsdInMicroCoins = 5 * 250_000 * 1_000_000L;
    private const string SimulatorKey = "sk-sim-dev-0000000000000000";

    public static async Task<IReadOnlyList<string>> RunAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        if (app.Options.Only.Count > 0 && !new[] { "edge", "upstream-sim" }.All(app.Options.Only.Contains))
        {
            return []; // a partial run (the tests' shared servers): there is no edge to seed
        }
        var keyFile = Path.Combine(app.Paths.StateDirectory, "demo-key");
        var tokenFile = Path.Combine(app.Paths.StateDirectory, "demo-management-token");
        var marker = Path.Combine(app.Paths.DataRoot, "demo-seeded");
        var edge = app.GetEndpoint("edge");
        var simulator = app.GetEndpoint("upstream-sim").AbsoluteUri;
        using var http = new HttpClient { BaseAddress = edge, Timeout = TimeSpan.FromSeconds(30) };
        var admin = new AuthenticationHeaderValue("Bearer", app.GetParameterValue("admin-token"));
        if (File.Exists(marker) && File.Exists(keyFile))
        {
            // The simulator gets a new port each run: point the seeded channel at this run's.
            var channelId = (await File.ReadAllLinesAsync(marker, cancellationToken))[0];
            await SendAsync(http, HttpMethod.Patch, $"/admin/v1/channels/{channelId}", admin, new { base_url = simulator }, cancellationToken);
        }
        else
        {
            var user = await SendAsync(http, HttpMethod.Post, "/admin/v1/users", admin, new { email = "demo@localhost", name = "Demo user" }, cancellationToken);
            var userId = user.GetProperty("user").GetProperty("id").GetString()!;
            var managementToken = new AuthenticationHeaderValue("Bearer", user.GetProperty("management_token").GetString());
            await SendAsync(http, HttpMethod.Post, $"/admin/v1/users/{userId}/credits", admin,
                new { amount_micro_coins = FiveUsdInMicroCoins, request_id = $"demo-seed-{userId}", reason = "first-run demo credit" }, cancellationToken);
            var key = await SendAsync(http, HttpMethod.Post, "/api/v1/keys", managementToken, new { name = "demo" }, cancellationToken);
            var pricing = await SendAsync(http, HttpMethod.Get, "/api/v1/pricing", managementToken, null, cancellationToken);
            var models = pricing.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model").GetString()!).ToArray();
            var channel = await SendAsync(http, HttpMethod.Post, "/admin/v1/channels", admin, new
            {
                name = "simulator",
                kind = "sim",
                base_url = simulator,
                keys = new[] { SimulatorKey },
                models,
            }, cancellationToken);

            await WriteSecretAsync(keyFile, key.GetProperty("key").GetString()!, cancellationToken);
            await WriteSecretAsync(tokenFile, managementToken.Parameter!, cancellationToken);
            await File.WriteAllLinesAsync(marker, [channel.GetProperty("id").GetString()!, $"seeded {DateTimeOffset.UtcNow:O}, demo user {userId}"], cancellationToken);
        }
        return Hints(edge, Path.GetRelativePath(app.RepositoryRootPath, keyFile));
    }

    private static async Task WriteSecretAsync(string path, string secret, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, "", cancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // before the secret is in it
        await File.WriteAllTextAsync(path, secret, cancellationToken);
    }

    private static IReadOnlyList<string> Hints(Uri edge, string keyFile)
    {
        var baseUrl = edge.AbsoluteUri.TrimEnd('/');
        return
        [
            $"demo API key (5 USD of coins) in {keyFile}; try it:",
            $"  curl {baseUrl}/v1/chat/completions -H \"Authorization: Bearer $(cat {keyFile})\" -H 'Content-Type: application/json' -d '{{\"model\":\"gpt-4o-mini\",\"messages\":[{{\"role\":\"user\",\"content\":\"Hello\"}}]}}'",
            "or with the OpenAI .NET SDK: save these lines as hello.cs in the repository root (its Directory.Packages.props pins OpenAI 2.15.0) and `dotnet run hello.cs`:",
            "  #:package OpenAI",
            "  #:property PublishAot=false",
            $"  var client = new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential(File.ReadAllText(\"{keyFile}\").Trim()), new OpenAI.OpenAIClientOptions {{ Endpoint = new Uri(\"{baseUrl}/v1\") }});",
            "  Console.WriteLine((await client.GetChatClient(\"gpt-4o-mini\").CompleteChatAsync(\"Hello\")).Value.Content[0].Text);",
        ];
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, AuthenticationHeaderValue auth, object? body,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone()
            : throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
    }
}
