using System.Net;
using System.Text;
using System.Text.Json;

namespace Platform.EdgeRelay.Tests.Management;

/// <summary>Raw JSON in and out, so that the tests see the wire format the documentation promises.</summary>
internal static class ManagementHttp
{
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? json) =>
        client.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> GetPathAsync(this HttpClient client, string path) =>
        client.GetAsync(path, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>The OpenAI-shaped error's message, after checking the status.</summary>
    public static async Task<string> ErrorAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.JsonAsync(expected);
        return body.GetProperty("error").GetProperty("message").GetString()!;
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
