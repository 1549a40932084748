using System.Net;
using Google.Protobuf.WellKnownTypes;
using Platform.Grpc;
using Platform.Identity.Paging;

namespace Platform.Identity.Grpc;

/// <summary>Checks and converts the request fields every identity service shares; every refusal is INVALID_ARGUMENT saying what to fix.</summary>
internal static class IdentityRequests
{
    public const int MaxNameLength = 64;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static RpcException Invalid(string message) => new(StatusCode.InvalidArgument, message);

    public static Guid Id(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw Invalid($"{field} '{value}' is not a UUID; pass the id exactly as this service returned it");

    /// <summary>A display name: 1 to 64 characters, not only spaces, no control characters.</summary>
    public static string Name(string value, string field, string advice) =>
        value.Length is > 0 and <= MaxNameLength && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl)
            ? value
            : throw Invalid($"{field} must be 1 to {MaxNameLength} characters without control characters, not only spaces; {advice}");

    public static int PageSize(int pageSize) => pageSize switch
    {
        0 => DefaultPageSize,
        > 0 and <= MaxPageSize => pageSize,
        _ => throw Invalid($"page_size must be 1 to {MaxPageSize} (0 for {DefaultPageSize}), not {pageSize}"),
    };

    public static Guid? PageToken(string token) =>
        token.Length == 0 ? null
        : Paging.PageToken.TryParse(token, out var after) ? after
        : throw Invalid("page_token is not one this service issued; pass next_page_token of the previous page unchanged, or leave it empty for the first page");

    /// <summary>A time that must lie after <paramref name="now"/>.</summary>
    public static DateTimeOffset Future(Timestamp timestamp, string field, DateTimeOffset now, string advice)
    {
        DateTimeOffset value;
        try
        {
            value = timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw Invalid($"{field} is not a valid timestamp (seconds {timestamp.Seconds}, nanos {timestamp.Nanos})");
        }
        return value > now ? value : throw Invalid($"{field} {value:O} is not in the future (now is {now:O}); {advice}");
    }

    public static IPAddress? ClientIp(string value) =>
        value.Length == 0 ? null
        : IPAddress.TryParse(value, out var address) ? address
        : throw Invalid($"client_ip '{value}' is not an IPv4 or IPv6 address; leave it empty when unknown");
}
