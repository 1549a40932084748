using System.Net;

namespace Platform.Hosting.Health;

/// <summary>GET /health; healthy on a 2xx answer.</summary>
internal static class HttpHealth
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        UseProxy = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<string?> ProbeAsync(Uri url, bool http2Only, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (http2Only)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        try
        {
            using var response = await Client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{url} answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{url} did not answer within 5 s";
        }
    }
}
