using Google.Protobuf;

namespace Platform.ServiceDefaults.Tests.Support;

/// <summary>
/// Reads an OTLP ExportTraceServiceRequest by field number, so no generated OTLP types are needed:
/// ResourceSpans=1 { Resource=1 { attributes=1 }, ScopeSpans=2 { scope=1 { name=1 }, Span=2 { name=5, attributes=9 } } },
/// KeyValue { key=1, value=2 AnyValue { string_value=1, bool_value=2, int_value=3 } }.
/// </summary>
internal static class OtlpTraceDecoder
{
    private static readonly uint Field1Message = WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited);
    private static readonly uint Field2Message = WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited);
    private static readonly uint SpanName = WireFormat.MakeTag(5, WireFormat.WireType.LengthDelimited);
    private static readonly uint SpanAttribute = WireFormat.MakeTag(9, WireFormat.WireType.LengthDelimited);
    private static readonly uint BoolValue = WireFormat.MakeTag(2, WireFormat.WireType.Varint);
    private static readonly uint IntValue = WireFormat.MakeTag(3, WireFormat.WireType.Varint);

    public static IReadOnlyList<ReceivedSpan> Decode(byte[] exportTraceServiceRequest)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var resourceSpans in Messages(ByteString.CopyFrom(exportTraceServiceRequest), Field1Message))
        {
            var resource = new Dictionary<string, string>();
            foreach (var resourceMessage in Messages(resourceSpans, Field1Message))
            {
                ReadAttributes(resourceMessage, Field1Message, resource);
            }

            foreach (var scopeSpans in Messages(resourceSpans, Field2Message))
            {
                var scope = Messages(scopeSpans, Field1Message)
                    .Select(s => Messages(s, Field1Message).FirstOrDefault()?.ToStringUtf8())
                    .FirstOrDefault() ?? "";
                foreach (var span in Messages(scopeSpans, Field2Message))
                {
                    spans.Add(ReadSpan(span, scope, resource));
                }
            }
        }

        return spans;
    }

    private static ReceivedSpan ReadSpan(ByteString span, string scope, IReadOnlyDictionary<string, string> resource)
    {
        var name = Messages(span, SpanName).FirstOrDefault()?.ToStringUtf8() ?? "";
        var attributes = new Dictionary<string, string>();
        ReadAttributes(span, SpanAttribute, attributes);
        return new ReceivedSpan(name, scope, resource, attributes);
    }

    private static void ReadAttributes(ByteString message, uint attributeTag, Dictionary<string, string> into)
    {
        foreach (var keyValue in Messages(message, attributeTag))
        {
            var key = Messages(keyValue, Field1Message).FirstOrDefault()?.ToStringUtf8();
            var value = Messages(keyValue, Field2Message).FirstOrDefault();
            if (key is not null && value is not null)
            {
                into[key] = ReadAnyValue(value);
            }
        }
    }

    private static string ReadAnyValue(ByteString anyValue)
    {
        var input = anyValue.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == Field1Message)
            {
                return input.ReadString();
            }

            if (tag == BoolValue)
            {
                return input.ReadBool() ? "true" : "false";
            }

            if (tag == IntValue)
            {
                return input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            input.SkipLastField();
        }

        return "";
    }

    /// <summary>Every length-delimited field with the given tag, in order; other fields are skipped.</summary>
    private static List<ByteString> Messages(ByteString message, uint tag)
    {
        var found = new List<ByteString>();
        var input = message.CreateCodedInput();
        for (var next = input.ReadTag(); next != 0; next = input.ReadTag())
        {
            if (next == tag)
            {
                found.Add(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }
}
