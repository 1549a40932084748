using System.Buffers.Binary;
using System.ClientModel;
using System.Text;
using OpenAI.Audio;
using OpenAI.Images;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.OpenAI;

public sealed class ImagesAndSpeechTests(Simulator sim)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Image_AsBase64_IsARealPng()
    {
        GeneratedImage image = await sim.OpenAI().GetImageClient("dall-e-3").GenerateImageAsync("a lighthouse",
            new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes }, Token);

        Assert.Equal((64, 64), PngCheck.Decode(image.ImageBytes.ToArray()));
        Assert.Equal("a lighthouse", image.RevisedPrompt);
    }

    [Fact]
    public async Task Image_AsUrl_IsServedByTheSimulator()
    {
        GeneratedImage image = await sim.OpenAI().GetImageClient("dall-e-3").GenerateImageAsync("a harbour",
            new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, Token);

        Assert.Equal(sim.Address.Authority, image.ImageUri.Authority);
        var png = await sim.Http.GetByteArrayAsync(image.ImageUri, Token);
        Assert.Equal((64, 64), PngCheck.Decode(png));
    }

    [Fact]
    public async Task Speech_AsWav_IsRiffPcmOfTheDeclaredLength()
    {
        BinaryData audio = await sim.OpenAI().GetAudioClient("tts-1").GenerateSpeechAsync("hello from the upstream simulator",
            GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Wav }, Token);

        var wav = audio.ToArray();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal("WAVEfmt ", Encoding.ASCII.GetString(wav, 8, 8));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(20)));
        Assert.Equal(24_000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        Assert.Equal("data", Encoding.ASCII.GetString(wav, 36, 4));
        var samples = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)) / 2;
        Assert.Equal(wav.Length - 44, samples * 2);
        Assert.InRange(samples / 24_000.0, 1.0, 3.0);
        Assert.Contains(Enumerable.Range(0, samples), i => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + i * 2)) > 1000);
    }

    [Fact]
    public async Task Speech_AsMp3_IsMpegFrames()
    {
        BinaryData audio = await sim.OpenAI().GetAudioClient("tts-1").GenerateSpeechAsync("short", GeneratedSpeechVoice.Nova, cancellationToken: Token);

        var mp3 = audio.ToArray();
        Assert.Equal(0, mp3.Length % 417);
        for (var frame = 0; frame < mp3.Length; frame += 417)
        {
            Assert.Equal(0xFF, mp3[frame]);
            Assert.Equal(0xFB, mp3[frame + 1]);
        }
    }

    [Fact]
    public async Task Speech_InAnEncodingTheSimulatorLacks_Is400()
    {
        var failure = await Assert.ThrowsAsync<ClientResultException>(() => sim.OpenAI().GetAudioClient("tts-1").GenerateSpeechAsync("x",
            GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Opus }, Token));

        Assert.Equal(400, failure.Status);
    }
}
