using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Platform.EdgeRelay.Channels.Storage;

namespace Platform.EdgeRelay.Channels.Health;

/// <summary>
/// Asks a channel's upstream for its model list with each of the channel's keys: a free call that needs a valid key and
/// a reachable, correctly configured base URL. Used by <see cref="ChannelProbe"/> and the admin API's test route. The
/// upstream's error body is not read: some echo part of the key.
/// </summary>
internal sealed class ChannelCheck(ChannelKeyCipher cipher, IOptions<ChannelOptions> options) : IDisposable
{
    // No resilience handler or redirects: one plain request says whether the channel answers.
    private readonly HttpMessageInvoker _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    }, disposeHandler: true);

    /// <exception cref="EncryptionKeyUnavailableException">The keys cannot be decrypted.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A sealed key was altered or sealed under another master key.</exception>
    public async Task<ChannelCheckResult> RunAsync(ChannelRecord channel, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var address = ModelsAddress(channel.Settings);
        for (var i = 0; i < channel.SealedKeys.Count; i++)
        {
            var key = cipher.Decrypt(channel.Id, channel.SealedKeys[i]);
            if (await CheckAsync(channel.Settings.Kind, address, key, cancellationToken) is { } failure)
            {
                return new ChannelCheckResult(failure.Kind, failure.Status,
                    $"key ...{channel.KeyHints[i]}: {failure.Message}", Stopwatch.GetElapsedTime(started));
            }
        }
        return new ChannelCheckResult(null, null, null, Stopwatch.GetElapsedTime(started));
    }

    private async Task<(ChannelFailure Kind, int? Status, string Message)?> CheckAsync(ChannelKind kind, Uri address, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (kind == ChannelKind.AzureOpenAi)
        {
            request.Headers.TryAddWithoutValidation("api-key", key);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ProbeTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => null,
                401 or 403 => (ChannelFailure.Unauthorized, status, $"the upstream refused the key ({status}) at GET {address}"),
                429 => (ChannelFailure.RateLimited, status, $"the upstream is rate limiting (429) at GET {address}"),
                >= 500 => (ChannelFailure.ServerError, status, $"the upstream failed ({status}) at GET {address}"),
                _ => (ChannelFailure.Other, status, $"the upstream answered {status} to GET {address}; check base_url and kind"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (ChannelFailure.TimedOut, null, $"no answer within {options.Value.ProbeTimeout.TotalSeconds:0.#} s from GET {address}");
        }
        catch (HttpRequestException exception)
        {
            return (ChannelFailure.ConnectFailed, null, $"could not reach {address.Authority}: {exception.Message}");
        }
    }

    /// <summary>The model list: <c>/v1/models</c> under the base URL (which may end with the version already), or Azure's <c>/openai/models</c>.</summary>
    private static Uri ModelsAddress(ChannelSettings settings)
    {
        var root = settings.BaseUrl.AbsoluteUri.TrimEnd('/');
        return settings.Kind == ChannelKind.AzureOpenAi
            ? new Uri($"{root}/openai/models?api-version={Uri.EscapeDataString(settings.ApiVersion ?? "")}")
            : new Uri(root.EndsWith("/v1", StringComparison.Ordinal) ? $"{root}/models" : $"{root}/v1/models");
    }

    public void Dispose() => _http.Dispose();
}
