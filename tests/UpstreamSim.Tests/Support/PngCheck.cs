using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Platform.UpstreamSim.Tests.Support;

/// <summary>Decodes a PNG far enough to prove it is real: signature, every chunk's CRC, IHDR, and the zlib pixel data.</summary>
public static class PngCheck
{
    public static (int Width, int Height) Decode(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        int width = 0, height = 0;
        var idat = new MemoryStream();
        var offset = 8;
        string type;
        do
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length)), Crc(png.AsSpan(offset + 4, length + 4)));
            if (type == "IHDR")
            {
                width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                Assert.Equal(2, data[9]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            offset += 12 + length;
        }
        while (type != "IEND");
        Assert.Equal(png.Length, offset);

        idat.Position = 0;
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(pixels);
        }
        Assert.Equal(height * (1 + width * 3), pixels.Length);
        return (width, height);
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
