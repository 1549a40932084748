using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Hosting;

namespace Platform.AppHost.FirstRun;

/// <summary>
/// A local run's first start: a demo user with 5 USD of coins, an API key for it in <c>.platform/demo-key</c> (0600)
/// and a simulator channel serving every model of the price catalog, all made through the edge's own APIs. Done once
/// per data directory (a marker lives with the data, so <c>--fresh</c> seeds again); every start prints how to call it.
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
        var marker = Path.Combine(app.Paths.DataRoot, "demo-seeded");
        var edge = app.GetEndpoint("edge");
        if (!File.Exists(marker) || !File.Exists(keyFile))
        {
            using var http = new HttpClient { BaseAddress = edge, Timeout = TimeSpan.FromSeconds(30) };
            var admin = new AuthenticationHeaderValue("Bearer", app.GetParameterValue("admin-token"));

            var user = await SendAsync(http, HttpMethod.Post, "/admin/v1/users", admin, new { email = "demo@localhost", name = "Demo user" }, cancellationToken);
            var userId = user.GetProperty("user").GetProperty("id").GetString()!;
            var managementToken = new AuthenticationHeaderValue("Bearer", user.GetProperty("management_token").GetString());
            await SendAsync(http, HttpMethod.Post, $"/admin/v1/users/{userId}/credits", admin,
                new { amount_micro_coins = FiveUsdInMicroCoins, request_id = $"demo-seed-{userId}", reason = "first-run demo credit" }, cancellationToken);
            var key = await SendAsync(http, HttpMethod.Post, "/api/v1/keys", managementToken, new { name = "demo" }, cancellationToken);
            var pricing = await SendAsync(http, HttpMethod.Get, "/api/v1/pricing", managementToken, null, cancellationToken);
            var models = pricing.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model").GetString()!).ToArray();
            await SendAsync(http, HttpMethod.Post, "/admin/v1/channels", admin, new
            {
                name = "simulator",
                kind = "sim",
                base_url = app.GetEndpoint("upstream-sim").AbsoluteUri,
                keys = new[] { SimulatorKey },
                models,
            }, cancellationToken);

            await File.WriteAllTextAsync(keyFile, key.GetProperty("key").GetString(), cancellationToken);
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await File.WriteAllTextAsync(marker, $"{DateTimeOffset.UtcNow:O} demo user {userId}\n", cancellationToken);
        }
        return Hints(edge, Path.GetRelativePath(app.RepositoryRootPath, keyFile));
    }

    private static IReadOnlyList<string> Hints(Uri edge, string keyFile)
    {
        var baseUrl = edge.AbsoluteUri.TrimEnd('/');
        return
        [
            $"demo API key (5 USD of coins) in {keyFile}; try it:",
            $"  curl {baseUrl}/v1/chat/completions -H \"Authorization: Bearer $(cat {keyFile})\" -H 'Content-Type: application/json' -d '{{\"model\":\"gpt-4o-mini\",\"messages\":[{{\"role\":\"user\",\"content\":\"Hello\"}}]}}'",
            "or with the OpenAI .NET SDK (a file-based app, run from the repository root with `dotnet run hello.cs`):",
            "  #:package OpenAI@2.15.0",
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
