using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Bench.Relay;

/// <summary>
/// The <c>floor</c> arm: the least a relay can do. Kestrel takes POST /v1/chat/completions, one HttpClient sends the
/// body to the simulator, and status, content type and body stream come back. No auth, limits, billing or parsing,
/// so the edge's distance to it is the price of its logic rather than of being a proxy at all.
/// </summary>
internal static class FloorForwarder
{
    /// <summary>Serves until the parent process closes our standard input; prints the address it listens on first.</summary>
    public static async Task ServeAsync(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        using var http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        });
        var target = new Uri(upstream, "/v1/chat/completions");
        app.MapPost("/v1/chat/completions", async context =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StreamContent(context.Request.Body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
            request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
            request.Headers.TryAddWithoutValidation("x-sim", context.Request.Headers["x-sim"].ToString());
            using var response = await http.SendAsync(request, context.RequestAborted); // the handler itself never buffers the body
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            // Flushed per read so a stream's events pass as they come, like the edge's.
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        await app.StartAsync();
        Console.WriteLine(app.Urls.First());
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }
}
