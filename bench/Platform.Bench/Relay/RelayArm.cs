using System.Net;
using System.Net.Http.Headers;

namespace Platform.Bench.Relay;

/// <summary>Where an arm's calls go, with the key that address wants, and the process that relays them (none for direct).</summary>
internal sealed record RelayArm(string Name, Uri Address, string Bearer, int? RelayPid)
{
    /// <summary>A keep-alive client for this arm; one connection per concurrent caller, as real clients pool them.</summary>
    public HttpClient Client() =>
        new(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromMinutes(2),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Bearer) },
        };
}
