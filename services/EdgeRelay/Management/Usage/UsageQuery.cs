using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Json;

namespace Platform.EdgeRelay.Management.Usage;

/// <summary>The usage routes' filter from the query string: <c>from</c>, <c>to</c> (ISO 8601), <c>model</c>, <c>key_id</c>.</summary>
internal static class UsageQuery
{
    public static UsageFilter Filter(HttpRequest request, Guid userId)
    {
        var filter = new UsageFilter
        {
            AccountId = userId.ToString(),
            From = Time(request, "from"),
            To = Time(request, "to"),
            Model = request.Query["model"].ToString(),
            KeyId = request.Query["key_id"].ToString(),
        };
        if (filter.KeyId.Length > 0 && !Guid.TryParse(filter.KeyId, out _))
        {
            throw new InvalidRequestException($"key_id '{filter.KeyId}' is not a key id; use the id from GET /api/v1/keys", "key_id");
        }
        if (filter.From is { } from && filter.To is { } to && from >= to)
        {
            throw new InvalidRequestException($"from ({from}) must be before to ({to})", "from");
        }
        return filter;
    }

    private static Timestamp? Time(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? Timestamp.FromDateTimeOffset(value)
            : throw new InvalidRequestException($"{name} '{text}' is not a time; use ISO 8601 such as 2025-01-31 or 2025-01-31T08:00:00Z", name);
    }
}
