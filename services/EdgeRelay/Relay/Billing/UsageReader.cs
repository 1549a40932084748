using System.Buffers;
using System.Text.Json;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// Reads <c>usage</c> and whether <c>choices</c> is empty from one OpenAI response object or stream chunk, with a
/// forward-only reader over its bytes: nothing is deserialised into objects or serialised again.
/// </summary>
internal static class UsageReader
{
    public static (ReportedUsage? Usage, bool ChoicesEmpty) Read(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true });
        ReportedUsage? usage = null;
        var choicesEmpty = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, false);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                usage = reader.TokenType == JsonTokenType.StartObject ? ReadUsage(ref reader) : null;
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    reader.Read();
                    choicesEmpty = reader.TokenType == JsonTokenType.EndArray;
                    if (!choicesEmpty)
                    {
                        SkipRestOfArray(ref reader);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return (usage, choicesEmpty);
    }

    private static ReportedUsage ReadUsage(ref Utf8JsonReader reader)
    {
        long prompt = 0, completion = 0, cached = 0, audioIn = 0, audioOut = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8) || reader.ValueTextEquals("input_tokens"u8))
            {
                prompt = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8) || reader.ValueTextEquals("output_tokens"u8))
            {
                completion = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8) || reader.ValueTextEquals("input_tokens_details"u8))
            {
                reader.Read();
                ReadDetails(ref reader, ref cached, ref audioIn);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8) || reader.ValueTextEquals("output_tokens_details"u8))
            {
                reader.Read();
                long ignored = 0;
                ReadDetails(ref reader, ref ignored, ref audioOut);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new ReportedUsage(prompt, completion, cached, audioIn, audioOut);
    }

    private static void ReadDetails(ref Utf8JsonReader reader, ref long cached, ref long audio)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("cached_tokens"u8))
            {
                cached = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("audio_tokens"u8))
            {
                audio = ReadLong(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static long ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0 ? value : 0;
    }

    private static void SkipRestOfArray(ref Utf8JsonReader reader)
    {
        // The reader stands on the first element; skip it and the rest up to the array's end.
        do
        {
            reader.Skip();
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
    }
}
