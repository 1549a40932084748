using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1 that answers with <paramref name="respond"/> and counts requests.</summary>
internal sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private StubServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public int RequestCount => Volatile.Read(ref _requests);

    /// <param name="respond">Gets the request and its 1-based number.</param>
    public static async Task<StubServer> StartAsync(Func<HttpContext, int, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new StubServer(app);
        app.Run(context => respond(context, Interlocked.Increment(ref server._requests)));
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Address = new Uri(app.Urls.Single());
        return server;
    }

    public static Task<StubServer> StartAsync(Func<int, int> statusForRequest) =>
        StartAsync((context, number) =>
        {
            context.Response.StatusCode = statusForRequest(number);
            return Task.CompletedTask;
        });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
