using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace Platform.Ledger.Usage;

/// <summary>
/// The last row of a page in the newest-first order (created_at, request_id), which the next page starts after.
/// Clients see it as an opaque page token: base64url of a version byte, created_at in Unix microseconds (Postgres'
/// precision, so the comparison is exact) and the request id in UTF-8. A forged token only moves within the
/// caller's own records: the account is never part of it.
/// </summary>
internal readonly record struct UsageCursor(DateTimeOffset CreatedAt, string RequestId)
{
    private const byte Version = 1;
    private const int HeaderLength = 1 + sizeof(long);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly long MinMicroseconds = (DateTimeOffset.MinValue - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
    private static readonly long MaxMicroseconds = (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    public string ToToken()
    {
        var bytes = new byte[HeaderLength + Encoding.UTF8.GetByteCount(RequestId)];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), (CreatedAt - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);
        Encoding.UTF8.GetBytes(RequestId, bytes.AsSpan(HeaderLength));
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string token, out UsageCursor cursor)
    {
        cursor = default;
        if (!Base64Url.IsValid(token))
        {
            return false;
        }
        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length <= HeaderLength || bytes[0] != Version)
        {
            return false;
        }
        var microseconds = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        if (microseconds < MinMicroseconds || microseconds > MaxMicroseconds)
        {
            return false;
        }
        try
        {
            var requestId = StrictUtf8.GetString(bytes, HeaderLength, bytes.Length - HeaderLength);
            cursor = new UsageCursor(DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond), requestId);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
