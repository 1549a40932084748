using System.Buffers.Binary;

namespace Platform.UpstreamSim.Media;

/// <summary>16-bit mono PCM at 24 kHz (OpenAI's speech sample rate): a 440 Hz tone, pulsed once per word.</summary>
internal static class WavAudio
{
    public const int SampleRate = 24_000;

    public static byte[] Pcm(TimeSpan duration, int words)
    {
        var samples = (int)(duration.TotalSeconds * SampleRate);
        var pulse = Math.Max(1, samples / Math.Max(1, words));
        var pcm = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var envelope = i % pulse < pulse * 3 / 4 ? 0.3 : 0.0;
            var value = (short)(Math.Sin(2 * Math.PI * 440 * i / SampleRate) * envelope * short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), value);
        }
        return pcm;
    }

    public static byte[] Wav(TimeSpan duration, int words)
    {
        var pcm = Pcm(duration, words);
        var wav = new byte[44 + pcm.Length];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + pcm.Length);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], pcm.Length);
        pcm.CopyTo(span[44..]);
        return wav;
    }
}
