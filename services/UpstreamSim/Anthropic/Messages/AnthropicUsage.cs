using System.Text.Json;

namespace Platform.UpstreamSim.Anthropic.Messages;

internal static class AnthropicUsage
{
    public static void Write(Utf8JsonWriter json, int inputTokens, int outputTokens)
    {
        json.WriteStartObject("usage"u8);
        json.WriteNumber("input_tokens"u8, inputTokens);
        json.WriteNumber("cache_creation_input_tokens"u8, 0);
        json.WriteNumber("cache_read_input_tokens"u8, 0);
        json.WriteNumber("output_tokens"u8, outputTokens);
        json.WriteEndObject();
    }
}
