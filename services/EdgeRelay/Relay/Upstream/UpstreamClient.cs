using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.EdgeRelay.Channels;
using Platform.EdgeRelay.Relay.Requests;

namespace Platform.EdgeRelay.Relay.Upstream;

/// <summary>
/// Sends one attempt to one upstream. The handler is set up as a proxy's (YARP's advice): no redirects, no
/// decompression, no cookies, pooled connections recycled every few minutes so DNS changes are seen; no Polly
/// pipeline, because an LLM call is not safely repeatable once streaming has begun: the relay decides retries itself.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        EnableMultipleHttp2Connections = true,
        // An answer the relay stops reading (its client left) must end upstream at once, not be drained for reuse.
        MaxResponseDrainSize = 0,
    }, disposeHandler: true);

    /// <summary>Sends the request and returns as soon as the response headers arrived (the body is read by the caller).</summary>
    public Task<HttpResponseMessage> SendAsync(ChannelCandidate target, RelayRequest request, string? simDirectives, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Address(target, request.Endpoint));
        message.Content = new ByteArrayContent(Body(target, request));
        message.Content.Headers.ContentType = Json;
        if (target.Kind == ChannelKind.AzureOpenAi)
        {
            message.Headers.TryAddWithoutValidation("api-key", target.ApiKey);
        }
        else
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.ApiKey);
        }
        if (request.Stream && !target.NoNativeStreaming)
        {
            message.Headers.Accept.ParseAdd("text/event-stream");
        }
        if (target.IsSimulator && simDirectives is not null)
        {
            message.Headers.TryAddWithoutValidation("x-sim", simDirectives);
        }
        return _invoker.SendAsync(message, cancellationToken);
    }

    /// <summary>The client's body, shaped, with the channel's name for the model; asked whole from channels that cannot stream.</summary>
    private static byte[] Body(ChannelCandidate target, RelayRequest request)
    {
        var body = request.Body;
        body["model"] = target.UpstreamModel;
        if (!request.Stream || !target.NoNativeStreaming)
        {
            return JsonSerializer.SerializeToUtf8Bytes(body, JsonBodyOptions);
        }
        // The body is shared by the attempts: change it for this one and put it back.
        var options = body["stream_options"];
        body.Remove("stream_options");
        body["stream"] = false;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonBodyOptions);
        body["stream"] = true;
        body["stream_options"] = options;
        return bytes;
    }

    private static readonly JsonSerializerOptions JsonBodyOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Uri Address(ChannelCandidate target, RelayEndpoint endpoint)
    {
        var path = endpoint switch
        {
            RelayEndpoint.ChatCompletions => "chat/completions",
            RelayEndpoint.Completions => "completions",
            _ => "embeddings",
        };
        var root = target.BaseAddress.AbsoluteUri.TrimEnd('/');
        return target.Kind == ChannelKind.AzureOpenAi
            ? new Uri($"{root}/openai/deployments/{Uri.EscapeDataString(target.UpstreamModel)}/{path}?api-version={Uri.EscapeDataString(target.ApiVersion ?? "")}")
            // A base given with its version ("https://api.deepseek.com/v1") is used as is.
            : new Uri(root.EndsWith("/v1", StringComparison.Ordinal) ? $"{root}/{path}" : $"{root}/v1/{path}");
    }

    public void Dispose() => _invoker.Dispose();
}
