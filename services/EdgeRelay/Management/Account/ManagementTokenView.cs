using TokenInfo = Platform.Contracts.Identity.V1.ManagementToken;

namespace Platform.EdgeRelay.Management.Account;

/// <summary>How the management token looks (mt-abcd...wxyz); the token itself only in the answer to a rotation.</summary>
internal sealed record ManagementTokenView(string? ManagementToken, string Display, DateTimeOffset CreatedAt)
{
    public static ManagementTokenView From(TokenInfo info, string? token = null) =>
        new(token, $"{info.DisplayPrefix}...{info.LastFour}", info.CreatedAt.ToDateTimeOffset());
}
