using System.Globalization;
using Platform.EdgeRelay.Json;

namespace Platform.EdgeRelay.Management.Paging;

/// <summary><c>?limit=</c> and <c>?page_token=</c> of a list route; limit 0 lets the service pick its default.</summary>
internal sealed record PageQuery(int Limit, string PageToken)
{
    public static PageQuery From(HttpRequest request, int maxLimit)
    {
        string? limitText = request.Query["limit"];
        var limit = 0;
        if (!string.IsNullOrEmpty(limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxLimit))
        {
            throw new InvalidRequestException($"limit must be an integer from 1 to {maxLimit}, not '{limitText}'", "limit");
        }
        return new PageQuery(limit, request.Query["page_token"].ToString());
    }
}
