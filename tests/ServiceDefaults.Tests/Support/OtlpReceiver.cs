using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Tests.Support;

/// <summary>
/// An OTLP/HTTP collector on 127.0.0.1: accepts protobuf posts to <c>/v1/traces</c>,
/// <c>/v1/metrics</c> and <c>/v1/logs</c>, decodes the spans and counts every export.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentDictionary<string, int> _exports = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans.ToArray();

    /// <summary>Export requests received, by path.</summary>
    public IReadOnlyDictionary<string, int> Exports => new Dictionary<string, int>(_exports);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(receiver.ReceiveAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        receiver.Endpoint = new Uri(app.Urls.Single());
        return receiver;
    }

    public async Task<ReceivedSpan> WaitForSpanAsync(Func<ReceivedSpan, bool> match, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"No matching span within {timeout}; received: [{string.Join(", ", _spans.Select(Describe))}]");
            }
        }
    }

    private static string Describe(ReceivedSpan span) =>
        $"{span.Scope} '{span.Name}' {{{string.Join("; ", span.Attributes)}}} resource {{{string.Join("; ", span.Resource)}}}";

    private async Task ReceiveAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!HttpMethods.IsPost(context.Request.Method) || !path.StartsWith("/v1/", StringComparison.Ordinal)
            || context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (path == "/v1/traces")
        {
            foreach (var span in OtlpTraceDecoder.Decode(body.ToArray()))
            {
                _spans.Enqueue(span);
            }
        }

        _exports.AddOrUpdate(path, 1, (_, count) => count + 1);

        // An empty Export*ServiceResponse: nothing rejected.
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
