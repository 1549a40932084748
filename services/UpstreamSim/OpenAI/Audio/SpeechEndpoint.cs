using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;
using Platform.UpstreamSim.Http;
using Platform.UpstreamSim.Media;

namespace Platform.UpstreamSim.OpenAI.Audio;

/// <summary>
/// Text to speech: a real audio byte stream about a third of a second per word (at most 3 s). mp3 is silent frames,
/// wav and pcm a pulsed tone; opus, aac and flac would need encoders and are refused with a 400.
/// </summary>
internal static class SpeechEndpoint
{
    private const int MaxInputCharacters = 4096;

    public static async Task<IResult> CreateAsync(HttpContext context, RequestCounters counters)
    {
        using var document = await RequestJson.ReadAsync(context);
        if (document is null)
        {
            return OpenAIError.InvalidJson();
        }
        var request = document.RootElement;
        var input = request.String("input");
        if (string.IsNullOrEmpty(input))
        {
            return OpenAIError.BadRequest("'input' is a required property", "input");
        }
        if (input.Length > MaxInputCharacters)
        {
            return OpenAIError.BadRequest($"'input' is too long: {input.Length} characters; the maximum is {MaxInputCharacters}.", "input");
        }
        if (string.IsNullOrEmpty(request.String("voice")))
        {
            return OpenAIError.BadRequest("'voice' is a required property", "voice");
        }
        var model = request.String("model") ?? "tts-1";
        counters.Model(model);

        var words = input.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var speed = Math.Clamp(request.Double("speed") ?? 1.0, 0.25, 4.0);
        var duration = TimeSpan.FromSeconds(Math.Clamp(words * 0.3 / speed, 0.25, 3.0));
        var format = request.String("response_format") ?? "mp3";
        var (bytes, contentType) = format switch
        {
            "mp3" => (Mp3Audio.Silence(duration), "audio/mpeg"),
            "wav" => (WavAudio.Wav(duration, words), "audio/wav"),
            "pcm" => (WavAudio.Pcm(duration, words), "audio/pcm"),
            _ => ((byte[]?)null, ""),
        };
        if (bytes is null)
        {
            return OpenAIError.BadRequest(
                $"response_format '{format}' is not emulated by the upstream simulator; use mp3, wav or pcm.", "response_format");
        }
        if (!await Stall.WaitAsync(SimFeature.Get(context).TimeToFirstToken, context.RequestAborted))
        {
            return Results.Empty;
        }
        return TypedResults.Bytes(bytes, contentType);
    }
}
