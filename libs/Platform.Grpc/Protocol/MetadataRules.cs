namespace Platform.Grpc.Protocol;

/// <summary>The header-name and value grammar of custom metadata (Header-Name, ASCII-Value).</summary>
internal static class MetadataRules
{
    public static bool IsBinaryKey(string key) => key.EndsWith(GrpcProtocol.BinarySuffix, StringComparison.Ordinal);

    public static string ValidateKey(string key, bool binary)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'z') or '_' or '-' or '.'))
            {
                throw new ArgumentException(
                    $"Metadata key '{key}' has the character '{c}'; keys may use only 0-9 a-z _ - .", nameof(key));
            }
        }
        if (lower.StartsWith(GrpcProtocol.ReservedPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved: keys starting with 'grpc-' belong to gRPC itself.", nameof(key));
        }
        if (binary != IsBinaryKey(lower))
        {
            throw new ArgumentException(binary
                ? $"Metadata key '{key}' must end with '-bin' to carry a binary value."
                : $"Metadata key '{key}' ends with '-bin', so its value must be bytes; pass a byte[].", nameof(key));
        }
        return lower;
    }

    public static void ValidateAsciiValue(string key, string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException(
                    $"Metadata '{key}' has a value with a character outside printable ASCII; send such data under a '-bin' key as bytes.",
                    nameof(value));
            }
        }
    }
}
