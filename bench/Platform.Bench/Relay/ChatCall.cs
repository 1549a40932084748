using System.Net.Http.Headers;
using System.Text;

namespace Platform.Bench.Relay;

/// <summary>The one request every arm is sent: a small chat completion for the benchmark's model, whole or streamed.</summary>
internal static class ChatCall
{
    private static readonly byte[] Whole = Encoding.UTF8.GetBytes(
        $$"""{"model":"{{RelayStack.Model}}","messages":[{"role":"user","content":"Say something short about ledgers."}],"max_tokens":128}""");

    private static readonly byte[] Streamed = Encoding.UTF8.GetBytes(
        $$"""{"model":"{{RelayStack.Model}}","messages":[{"role":"user","content":"Say something short about ledgers."}],"max_tokens":128,"stream":true}""");

    /// <summary>Sends the call with an optional <c>x-sim</c> directive; the response's headers have arrived when this returns.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, bool stream, string? sim, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(stream ? Streamed : Whole);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        if (sim is not null)
        {
            request.Headers.TryAddWithoutValidation("x-sim", sim);
        }
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>A whole call, body read to the end; false for anything but a 200 or a transport error.</summary>
    public static async Task<bool> CompleteAsync(HttpClient client, string? sim)
    {
        try
        {
            using var response = await SendAsync(client, stream: false, sim);
            await response.Content.CopyToAsync(Stream.Null);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
