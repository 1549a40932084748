using System.Buffers.Binary;
using System.IO.Compression;
using Platform.UpstreamSim.Generation;

namespace Platform.UpstreamSim.Media;

/// <summary>
/// A real 64x64 RGB PNG whose colours derive from a seed: a gradient any decoder opens. Kept small on purpose; the
/// requested size is reported back but not rendered.
/// </summary>
internal static class PngImage
{
    public const int Size = 64;

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Create(ulong seed)
    {
        var random = new SeededRandom(seed);
        var (r, g, b) = ((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        var pixels = new byte[Size * (1 + Size * 3)];
        for (var y = 0; y < Size; y++)
        {
            var row = y * (1 + Size * 3);
            pixels[row] = 0; // filter type None
            for (var x = 0; x < Size; x++)
            {
                var p = row + 1 + x * 3;
                pixels[p] = (byte)(r + x * 2);
                pixels[p + 1] = (byte)(g + y * 2);
                pixels[p + 2] = (byte)(b + (x ^ y));
            }
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, Size);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], Size);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type RGB
        WriteChunk(png, "IHDR"u8, header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(pixels);
            }
            WriteChunk(png, "IDAT"u8, compressed.ToArray());
        }
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var typed = new byte[4 + data.Length];
        type.CopyTo(typed);
        data.CopyTo(typed.AsSpan(4));
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typed));
        png.Write(word);
    }
}
