using System.Text.Json;

namespace Platform.UpstreamSim.Tests.Support;

/// <summary>One server-sent event: its <c>event:</c> name (null when absent) and its <c>data:</c> text.</summary>
public sealed record SseEvent(string? Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}
