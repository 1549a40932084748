namespace Platform.Identity.Paging;

/// <summary>One page of a keyset listing; <paramref name="Next"/> is the id the next page starts after, null on the last page.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, Guid? Next)
{
    /// <summary>The page from up to <paramref name="pageSize"/> + 1 rows: the extra row only tells that another page exists.</summary>
    public static Page<T> From(List<T> rows, int pageSize, Func<T, Guid> id) =>
        rows.Count > pageSize ? new Page<T>(rows[..pageSize], id(rows[pageSize - 1])) : new Page<T>(rows, null);
}
