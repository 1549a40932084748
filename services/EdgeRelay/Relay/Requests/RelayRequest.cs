using System.Text.Json.Nodes;

namespace Platform.EdgeRelay.Relay.Requests;

/// <summary>
/// A client's call as the relay forwards it: the body as a JSON tree (so fields the relay has never heard of pass
/// through untouched) after shaping, and what the relay needs to bill it.
/// </summary>
internal sealed class RelayRequest
{
    public required RelayEndpoint Endpoint { get; init; }

    public required JsonObject Body { get; init; }

    /// <summary>The model after retired names were rewritten; what permissions, channels and prices are looked up by.</summary>
    public required string Model { get; set; }

    public required bool Stream { get; init; }

    /// <summary>Whether the client asked for the usage chunk (<c>stream_options.include_usage</c>); upstreams are always asked.</summary>
    public required bool ClientWantsUsage { get; init; }

    /// <summary>A deliberately high guess of the prompt's tokens (a token is at least ~4 bytes of JSON), for the hold.</summary>
    public required long EstimatedPromptTokens { get; init; }

    /// <summary>The most output tokens the call may produce: the client's cap or the relay's default.</summary>
    public required long MaxOutputTokens { get; init; }
}
