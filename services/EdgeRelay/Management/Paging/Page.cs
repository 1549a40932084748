using System.Text.Json.Serialization;

namespace Platform.EdgeRelay.Management.Paging;

/// <summary>One page of a list: pass <c>next_page_token</c> as <c>?page_token=</c> for the next; null on the last page.</summary>
internal sealed record Page<T>(
    IReadOnlyList<T> Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextPageToken)
{
    public static Page<T> Of(IEnumerable<T> data, string nextPageToken) => new(data.ToList(), nextPageToken.Length == 0 ? null : nextPageToken);
}
