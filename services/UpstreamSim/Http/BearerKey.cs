namespace Platform.UpstreamSim.Http;

internal static class BearerKey
{
    /// <summary>The key of an <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
