using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.UpstreamSim.Generation;

/// <summary>How every response body is written: raw UTF-8 like the providers, no validation cost on the hot path.</summary>
internal static class SimJson
{
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };
}
