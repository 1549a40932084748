using System.Text.Json;

namespace Platform.UpstreamSim.Sse;

/// <summary>How a provider reports an error in the middle of a stream: the event name (if any) and its JSON body.</summary>
internal sealed class StreamFailure(byte[]? eventName, Action<Utf8JsonWriter, int> writeBody)
{
    public byte[]? EventName { get; } = eventName;

    public void WriteBody(Utf8JsonWriter json, int status) => writeBody(json, status);
}
