namespace Platform.UpstreamSim.Media;

/// <summary>
/// Valid MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono) carrying silence: the side information is all zero, so
/// every decoder plays them as quiet audio of the right length without an encoder here.
/// </summary>
internal static class Mp3Audio
{
    private const int FrameBytes = 417; // 144 * 128000 / 44100, no padding
    private const double FrameSeconds = 1152.0 / 44_100;

    public static byte[] Silence(TimeSpan duration)
    {
        var frames = Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds / FrameSeconds));
        var mp3 = new byte[frames * FrameBytes];
        for (var f = 0; f < frames; f++)
        {
            var frame = mp3.AsSpan(f * FrameBytes);
            frame[0] = 0xFF; // sync
            frame[1] = 0xFB; // MPEG-1, Layer III, no CRC
            frame[2] = 0x90; // 128 kbit/s, 44.1 kHz, no padding
            frame[3] = 0xC4; // mono, original
        }
        return mp3;
    }
}
