using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.EdgeRelay.Json;

/// <summary>Reads <see cref="Optional{T}"/>: any value present in the JSON, null included, makes it set.</summary>
internal sealed class OptionalJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Converter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return new Optional<T>(JsonSerializer.Deserialize<T>(ref reader, options)!);
            }
            catch (JsonException)
            {
                // A fresh exception without a path, so that the serializer reports the path of this field.
                throw new JsonException();
            }
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}
