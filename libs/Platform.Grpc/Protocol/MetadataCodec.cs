using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Platform.Grpc.Protocol;

/// <summary>Moves custom metadata between <see cref="Metadata"/> and HTTP/2 header blocks (base64 for <c>-bin</c> keys).</summary>
internal static class MetadataCodec
{
    public static Metadata FromRequestHeaders(IHeaderDictionary headers) =>
        FromHeaders(headers.Select(header => (header.Key, (IEnumerable<string?>)header.Value)));

    public static Metadata FromResponseHeaders(HttpHeaders headers) =>
        FromHeaders(headers.NonValidated.Select(header => (header.Key, (IEnumerable<string?>)header.Value)));

    private static Metadata FromHeaders(IEnumerable<(string Name, IEnumerable<string?> Values)> headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            if (IsProtocolHeader(name))
            {
                continue;
            }
            var key = Lower(name);
            foreach (var value in values)
            {
                AddReceived(metadata, key, value);
            }
        }
        return metadata;
    }

    public static void AppendTo(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, ToHeaderValue(entry));
        }
    }

    public static void AppendTrailers(HttpResponse response, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            response.AppendTrailer(entry.Key, ToHeaderValue(entry));
        }
    }

    public static void AddTo(HttpRequestHeaders headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.TryAddWithoutValidation(entry.Key, ToHeaderValue(entry));
        }
    }

    /// <summary>Binary values go out unpadded, as the spec recommends.</summary>
    public static string ToHeaderValue(MetadataEntry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>
    /// The HTTP and gRPC headers of the call itself, which are not application metadata. Names starting
    /// with <c>grpc-</c> are reserved by the protocol, so none of them is handed to the application.
    /// </summary>
    private static bool IsProtocolHeader(string name) =>
        name.StartsWith(':')
        || name.StartsWith(GrpcProtocol.ReservedPrefix, StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("connection", StringComparison.OrdinalIgnoreCase);

    private static void AddReceived(Metadata metadata, string key, string? value)
    {
        if (value is null)
        {
            return;
        }
        if (!MetadataRules.IsBinaryKey(key))
        {
            metadata.AddReceived(new MetadataEntry(key, value));
            return;
        }
        // Values of a repeated binary key may arrive joined with ','; each part is its own base64 value.
        foreach (var part in new StringTokenizer(value, [',']))
        {
            if (TryDecodeBase64(part.AsSpan().Trim(), out var bytes))
            {
                metadata.AddReceived(new MetadataEntry(key, bytes));
            }
        }
    }

    /// <summary>Accepts padded and unpadded base64 (the spec requires both); an undecodable value is dropped.</summary>
    private static bool TryDecodeBase64(ReadOnlySpan<char> value, out byte[] bytes)
    {
        var padding = (4 - value.Length % 4) % 4;
        if (padding == 3)
        {
            bytes = [];
            return false;
        }
        Span<char> padded = value.Length + padding <= 512 ? stackalloc char[value.Length + padding] : new char[value.Length + padding];
        value.CopyTo(padded);
        padded[value.Length..].Fill('=');
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(padded, buffer, out var written))
        {
            bytes = [];
            return false;
        }
        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }

    private static string Lower(string name)
    {
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return name.ToLowerInvariant();
            }
        }
        return name;
    }
}
